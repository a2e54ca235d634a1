//! Every word the interface shows, in French first and English second.
//!
//! A message is a [`Key`]; [`text`] gives its words in a [`Locale`]. The
//! compiler checks that every key has both translations (a missing one does
//! not build), and the lookup costs a `match`. We chose this over
//! `leptos_i18n`, which pulls `leptos-use` and ICU data into the wasm the
//! tablets download, for a vocabulary this small. Messages with numbers or
//! times are functions below, each with its plural rules.

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    /// The BCP 47 tag, for `lang` attributes.
    #[must_use]
    pub const fn tag(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    /// Reads a tag as stored by the device (`fr`, `en`, `en-GB`…).
    #[must_use]
    pub fn from_tag(tag: &str) -> Option<Self> {
        match tag.split('-').next()? {
            "fr" => Some(Self::Fr),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The other language (the toggle offers it).
    #[must_use]
    pub const fn other(self) -> Self {
        match self {
            Self::Fr => Self::En,
            Self::En => Self::Fr,
        }
    }
}

/// One message of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    AppName,
    Tagline,
    MainNavigation,
    Ideas,
    IdeasIntro,
    NewIdea,
    NoIdeasYet,
    Untitled,
    NotOnDeviceYet,
    Title,
    TitleHint,
    Constat,
    ConstatHint,
    Idee,
    IdeeHint,
    SavedOnDevice,
    AllIdeas,
    IdeaAbsent,
    IdeaMissing,
    IdeaMissingOffline,
    Loading,
    NotFound,
    BackHome,
    SwitchLanguage,
    LanguageName,
    UpdateReady,
    UpdateApply,
    StorageError,
    StorageUnreadable,
    StoredChunkUnreadable,
    StorageTakenByNewerVersion,
    CreateFailed,
    Stage,
    StageMoveTo,
    StageNote,
    StageLessons,
    StageSubmit,
    StageRefusedMines,
    StageRefusedLessons,
    StageRefusedMove,
    StageFloue,
    StageEnDeminage,
    StageDeminee,
    StagePrete,
    StageEnVeille,
    StageAbandonnee,
    Minefield,
    NoMines,
    Celebration,
    Mines,
    PlantMine,
    MineQuestion,
    MineQuestionHint,
    MineDomain,
    MineSize,
    PlantSubmit,
    EmptyQuestion,
    SizePetite,
    SizeMoyenne,
    SizeGrosse,
    StatusArmed,
    StatusBeingDefused,
    StatusDefused,
    StatusAccepted,
    Proposals,
    NoProposals,
    Propose,
    ProposeSubmit,
    EmptyProposal,
    Support,
    Decide,
    DecideOnlyAuthor,
    DefuseHow,
    DefuseSubmit,
    DefuseWith,
    AcceptNote,
    AcceptSubmit,
    EmptyDecision,
    DecisionDefused,
    DecisionAccepted,
    Reopen,
    Allies,
    NoAllies,
    JoinIdea,
    LeaveIdea,
    Discussion,
    NoComments,
    Comment,
    CommentSubmit,
    EmptyComment,
    You,
    Colleague,
    ActionFailed,
    Search,
    SearchHint,
    Filters,
    AllStages,
    FilterDomain,
    AllDomains,
    NeedsMyExpertise,
    NoMatch,
    History,
    NoHistory,
    EvCreated,
    EvEdited,
    EvPlant,
    EvDecide,
    EvReopen,
    EvPropose,
    EvPlusOne,
    EvPlusOneWithdraw,
    EvStage,
    EvComment,
    EvAllyJoin,
    EvAllyLeave,
    EvFlag,
    EvHide,
    EvOther,
    Profile,
    ProfileIntro,
    ProfileName,
    ProfileService,
    CanHelp,
    SaveProfile,
    ProfileSaved,
    EmptyName,
    Recognition,
    NoRecognition,
    FlagButton,
    FlagIdea,
    FlagMine,
    FlagProposal,
    FlagComment,
    FlagDone,
    FlagReason,
    FlagReasonHint,
    FlagSubmit,
    FlagCancel,
    FlagEmptyReason,
    ModTargetGone,
    ModOnlyModerators,
    ModHiddenContent,
    ModHiddenMark,
    ModUnhide,
    ModUnhideIdea,
    ModUnhideMine,
    ModUnhideProposal,
    ModUnhideComment,
    ModIdeaHiddenTitle,
    ModIdeaHidden,
    ModIdeaHiddenForModerators,
    Moderation,
    ModIntro,
    ModOnlyModeratorsSee,
    ModQueue,
    ModQueueEmpty,
    ModHiddenList,
    ModHiddenListEmpty,
    ModKindIdea,
    ModKindMine,
    ModKindProposal,
    ModKindComment,
    ModFlags,
    ModHide,
    ModDismiss,
    ModModerators,
    ModNoModerators,
    ModModeratorsIntro,
    ModNameMember,
    ModNameSubmit,
    ModNamed,
    ModNoOneToName,
    ModChooseMember,
    ModNotMember,
    EvUnhide,
    EvDismiss,
    Spaces,
    SpacesIntro,
    CurrentSpaceMark,
    OpenSpace,
    CreateSpace,
    CreateSpaceIntro,
    SpaceName,
    SpaceDescription,
    SpaceDomainsField,
    YourName,
    CreateSpaceSubmit,
    EmptySpaceName,
    EmptyYourName,
    JoinSpace,
    JoinSpaceIntro,
    InvitationLink,
    JoinSubmit,
    InvitationInvalid,
    JoinTitle,
    JoinIntro,
    AlreadyInSpace,
    Welcome,
    WelcomeIntro,
    NoSpaceYet,
    SpaceNav,
    Invite,
    InviteIntro,
    QrCodeLabel,
    CopyLink,
    LinkCopied,
    LinkNotCopied,
    DomainsTitle,
    DomainsIntro,
    NewDomain,
    AddDomain,
    RemoveDomain,
    EmptyDomain,
    DomainsModeratorsOnly,
    SaveSpace,
    SpaceSaved,
    RelayAddress,
    SpaceSettingsTitle,
    ShowMoreIdeas,
}

/// The words of `key` in `locale`.
#[must_use]
pub const fn text(locale: Locale, key: Key) -> &'static str {
    match locale {
        Locale::Fr => fr(key),
        Locale::En => en(key),
    }
}

const fn fr(key: Key) -> &'static str {
    match key {
        Key::AppName => "Les démineurs",
        Key::Tagline => {
            "Des idées d’agents, déminées entre collègues avant de devenir des projets."
        }
        Key::MainNavigation => "Navigation principale",
        Key::Ideas => "Idées",
        Key::IdeasIntro => {
            "Notez une idée encore floue en quelques secondes : les collègues aideront à la déminer."
        }
        Key::NewIdea => "Nouvelle idée",
        Key::NoIdeasYet => "Aucune idée pour l’instant. La première peut être la vôtre.",
        Key::Untitled => "Sans titre",
        Key::NotOnDeviceYet => {
            "Pas encore sur cet appareil — elle arrivera à la prochaine synchronisation."
        }
        Key::Title => "Titre",
        Key::TitleHint => "En quelques mots : de quoi s’agit-il ?",
        Key::Constat => "Constat",
        Key::ConstatHint => "Ce qui se passe aujourd’hui, et pour qui.",
        Key::Idee => "Idée",
        Key::IdeeHint => "Ce que vous proposez.",
        Key::SavedOnDevice => "Enregistré sur l’appareil à chaque frappe.",
        Key::AllIdeas => "Toutes les idées",
        Key::IdeaAbsent => "Idée absente de cet appareil",
        Key::IdeaMissing => "Cette idée n’est pas sur cet appareil. Elle est demandée au relais.",
        Key::IdeaMissingOffline => {
            "Cette idée n’est pas encore sur cet appareil, et l’appareil est hors ligne."
        }
        Key::Loading => "Chargement…",
        Key::NotFound => "Cette page n’existe pas.",
        Key::BackHome => "Retour aux idées",
        Key::SwitchLanguage => "Switch to English",
        Key::LanguageName => "English",
        Key::UpdateReady => "Une nouvelle version est prête.",
        Key::UpdateApply => "Recharger pour mettre à jour",
        Key::StorageError => {
            "Le stockage de l’appareil a refusé une écriture. Vos dernières modifications restent affichées ; ne fermez pas l’application."
        }
        Key::StorageUnreadable => {
            "Le stockage de l’appareil n’a pas pu être lu : les idées enregistrées ici ne s’affichent pas. Rien n’a été effacé ; rouvrez l’application."
        }
        Key::StoredChunkUnreadable => {
            "Une partie des données enregistrées sur cet appareil est illisible. Elle est gardée telle quelle, rien n’est effacé ; tout le reste s’affiche, et ce que le relais connaît reviendra à la prochaine synchronisation."
        }
        Key::StorageTakenByNewerVersion => {
            "Une version plus récente de l’application est ouverte dans un autre onglet et met à jour le stockage : cette page n’enregistre plus rien. Fermez-la ou rechargez-la."
        }
        Key::CreateFailed => "L’idée n’a pas pu être créée.",
        Key::Stage => "Étape",
        Key::StageMoveTo => "Passer à",
        Key::StageNote => "Pourquoi ce changement (facultatif)",
        Key::StageLessons => "Ce que nous avons appris",
        Key::StageSubmit => "Changer d’étape",
        Key::StageRefusedMines => "Pas encore : des mines restent à désamorcer.",
        Key::StageRefusedLessons => "Dites ce que nous avons appris avant d’abandonner l’idée.",
        Key::StageRefusedMove => {
            "Ce changement d’étape n’est pas possible depuis l’étape actuelle."
        }
        Key::StageFloue => "idée floue",
        Key::StageEnDeminage => "en déminage",
        Key::StageDeminee => "déminée",
        Key::StagePrete => "prête à devenir projet",
        Key::StageEnVeille => "en veille",
        Key::StageAbandonnee => "abandonnée",
        Key::Minefield => "Terrain",
        Key::NoMines => "Aucune mine posée pour l’instant : les collègues peuvent en poser.",
        Key::Celebration => {
            "Terrain déminé ! Toutes les mines sont traitées. Bravo à toutes et tous."
        }
        Key::Mines => "Mines",
        Key::PlantMine => "Poser une mine",
        Key::MineQuestion => "Question ou risque",
        Key::MineQuestionHint => "Ce qui pourrait faire échouer l’idée, ou ce qu’il faut vérifier.",
        Key::MineDomain => "Domaine",
        Key::MineSize => "Taille",
        Key::PlantSubmit => "Poser la mine",
        Key::EmptyQuestion => "Écrivez la question avant de poser la mine.",
        Key::SizePetite => "petite",
        Key::SizeMoyenne => "moyenne",
        Key::SizeGrosse => "grosse",
        Key::StatusArmed => "armée",
        Key::StatusBeingDefused => "en cours de désamorçage",
        Key::StatusDefused => "désamorcée",
        Key::StatusAccepted => "risque accepté",
        Key::Proposals => "Propositions pour déminer",
        Key::NoProposals => "Pas encore de proposition.",
        Key::Propose => "Proposer une façon de déminer",
        Key::ProposeSubmit => "Proposer",
        Key::EmptyProposal => "Écrivez la proposition avant de l’envoyer.",
        Key::Support => "Soutenir cette proposition",
        Key::Decide => "Décision",
        Key::DecideOnlyAuthor => {
            "Seul·e l’auteur·rice de l’idée (ou un·e modérateur·rice) décide ; vous pouvez proposer."
        }
        Key::DefuseHow => "Comment elle est désamorcée",
        Key::DefuseSubmit => "Marquer désamorcée",
        Key::DefuseWith => "Désamorcer avec cette proposition",
        Key::AcceptNote => "Pourquoi accepter ce risque",
        Key::AcceptSubmit => "Accepter le risque",
        Key::EmptyDecision => "Dites comment, ou pourquoi, avant de décider.",
        Key::DecisionDefused => "Désamorcée :",
        Key::DecisionAccepted => "Risque accepté :",
        Key::Reopen => "Réarmer la mine",
        Key::Allies => "Allié·es",
        Key::NoAllies => "Pas encore d’allié·e.",
        Key::JoinIdea => "Je me joins à cette idée",
        Key::LeaveIdea => "Je me retire de cette idée",
        Key::Discussion => "Discussion",
        Key::NoComments => "Pas encore de commentaire.",
        Key::Comment => "Votre commentaire",
        Key::CommentSubmit => "Publier",
        Key::EmptyComment => "Écrivez le commentaire avant de le publier.",
        Key::You => "Vous",
        Key::Colleague => "Un·e collègue",
        Key::ActionFailed => "Cette action n’a pas pu être enregistrée.",
        Key::Search => "Rechercher",
        Key::SearchHint => "Mots du titre, du constat, de l’idée ou d’une mine",
        Key::Filters => "Filtres",
        Key::AllStages => "Toutes les étapes",
        Key::FilterDomain => "Mines ouvertes en",
        Key::AllDomains => "Tous les domaines",
        Key::NeedsMyExpertise => "Besoin de mon expertise",
        Key::NoMatch => "Aucune idée ne correspond à ces filtres.",
        Key::History => "Historique",
        Key::NoHistory => "Pas encore d’historique.",
        Key::EvCreated => "a créé l’idée",
        Key::EvEdited => "a modifié le texte",
        Key::EvPlant => "a posé une mine",
        Key::EvDecide => "a tranché sur une mine",
        Key::EvReopen => "a réarmé une mine",
        Key::EvPropose => "a proposé une façon de déminer",
        Key::EvPlusOne => "a soutenu une proposition",
        Key::EvPlusOneWithdraw => "a retiré son soutien",
        Key::EvStage => "a changé l’étape",
        Key::EvComment => "a commenté",
        Key::EvAllyJoin => "s’est joint·e à l’idée",
        Key::EvAllyLeave => "s’est retiré·e de l’idée",
        Key::EvFlag => "a signalé un contenu",
        Key::EvHide => "a masqué un contenu",
        Key::EvOther => "a modifié l’idée",
        Key::Profile => "Profil",
        Key::ProfileIntro => "Votre nom et vos domaines, visibles des collègues de l’espace.",
        Key::ProfileName => "Nom affiché",
        Key::ProfileService => "Service",
        Key::CanHelp => "Je peux aider en",
        Key::SaveProfile => "Enregistrer le profil",
        Key::ProfileSaved => "Profil enregistré.",
        Key::EmptyName => "Indiquez un nom.",
        Key::Recognition => "Mines que vous avez aidé à désamorcer",
        Key::NoRecognition => "Pas encore : proposez une façon de déminer une mine.",
        Key::FlagButton => "Signaler",
        Key::FlagIdea => "Signaler cette idée",
        Key::FlagMine => "Signaler cette mine",
        Key::FlagProposal => "Signaler cette proposition",
        Key::FlagComment => "Signaler ce commentaire",
        Key::FlagDone => "Signalé",
        Key::FlagReason => "Pourquoi signalez-vous ce contenu ?",
        Key::FlagReasonHint => "Les modérateur·rices de l’espace liront votre raison.",
        Key::FlagSubmit => "Envoyer le signalement",
        Key::FlagCancel => "Annuler",
        Key::FlagEmptyReason => "Dites pourquoi vous signalez ce contenu.",
        Key::ModTargetGone => "Ce contenu n’est plus dans l’idée.",
        Key::ModOnlyModerators => "Seul·es les modérateur·rices de l’espace peuvent faire cela.",
        Key::ModHiddenContent => "Contenu masqué par la modération",
        Key::ModHiddenMark => "masqué",
        Key::ModUnhide => "Afficher à nouveau",
        Key::ModUnhideIdea => "Afficher à nouveau cette idée",
        Key::ModUnhideMine => "Afficher à nouveau cette mine",
        Key::ModUnhideProposal => "Afficher à nouveau cette proposition",
        Key::ModUnhideComment => "Afficher à nouveau ce commentaire",
        Key::ModIdeaHiddenTitle => "Idée masquée",
        Key::ModIdeaHidden => {
            "Cette idée a été masquée par la modération. Son historique reste consultable."
        }
        Key::ModIdeaHiddenForModerators => {
            "Cette idée est masquée : seul·es les modérateur·rices voient son contenu."
        }
        Key::Moderation => "Modération",
        Key::ModIntro => {
            "Les contenus signalés par les collègues, le plus ancien signalement d’abord. Masquer n’efface rien : le contenu reste dans l’historique de l’idée."
        }
        Key::ModOnlyModeratorsSee => {
            "Seul·es les modérateur·rices de l’espace voient les contenus signalés et décident de les masquer. Pour signaler un contenu, utilisez le bouton « Signaler » placé à côté de lui."
        }
        Key::ModQueue => "À examiner",
        Key::ModQueueEmpty => "Aucun signalement en attente.",
        Key::ModHiddenList => "Contenus masqués",
        Key::ModHiddenListEmpty => "Aucun contenu signalé n’est masqué.",
        Key::ModKindIdea => "Idée",
        Key::ModKindMine => "Mine",
        Key::ModKindProposal => "Proposition",
        Key::ModKindComment => "Commentaire",
        Key::ModFlags => "Signalements",
        Key::ModHide => "Masquer",
        Key::ModDismiss => "Classer sans suite",
        Key::ModModerators => "Modérateur·rices de l’espace",
        Key::ModNoModerators => "Cet espace n’a pas encore de modérateur·rice.",
        Key::ModModeratorsIntro => {
            "La personne qui a créé l’espace le modère ; chaque modérateur·rice peut en nommer d’autres parmi les membres."
        }
        Key::ModNameMember => "Membre à nommer",
        Key::ModNameSubmit => "Nommer modérateur·rice",
        Key::ModNamed => "Modérateur·rice nommé·e.",
        Key::ModNoOneToName => "Tous les membres de l’espace sont déjà modérateur·rices.",
        Key::ModChooseMember => "Choisissez un membre.",
        Key::ModNotMember => "Cette personne n’a pas encore rejoint l’espace.",
        Key::EvUnhide => "a affiché à nouveau un contenu",
        Key::EvDismiss => "a classé un signalement sans suite",
        Key::Spaces => "Espaces",
        Key::SpacesIntro => {
            "Les espaces de cet appareil. Un espace réunit des collègues autour de leurs idées ; chacun a son invitation."
        }
        Key::CurrentSpaceMark => "ouvert",
        Key::OpenSpace => "Ouvrir l’espace",
        Key::CreateSpace => "Créer un espace",
        Key::CreateSpaceIntro => {
            "Pour votre équipe, votre service ou un atelier. Cela marche aussi sans réseau."
        }
        Key::SpaceName => "Nom de l’espace",
        Key::SpaceDescription => "Description",
        Key::SpaceDomainsField => "Domaines d’expertise, un par ligne",
        Key::YourName => "Votre nom, tel que vos collègues le verront",
        Key::CreateSpaceSubmit => "Créer l’espace",
        Key::EmptySpaceName => "Donnez un nom à l’espace.",
        Key::EmptyYourName => "Indiquez votre nom : chaque modification est signée.",
        Key::JoinSpace => "Rejoindre un espace",
        Key::JoinSpaceIntro => {
            "Collez le lien d’invitation reçu d’un·e collègue, ou scannez son QR code avec l’appareil photo."
        }
        Key::InvitationLink => "Lien d’invitation",
        Key::JoinSubmit => "Rejoindre l’espace",
        Key::InvitationInvalid => {
            "Ce lien d’invitation est incomplet ou abîmé. Demandez-en un nouveau à la personne qui vous a invité·e."
        }
        Key::JoinTitle => "Invitation",
        Key::JoinIntro => "Vous êtes invité·e à rejoindre l’espace",
        Key::AlreadyInSpace => "Cet appareil est déjà dans cet espace.",
        Key::Welcome => "Bienvenue",
        Key::WelcomeIntro => {
            "Pour commencer, créez un espace pour votre équipe ou votre atelier, ou rejoignez celui où l’on vous a invité·e."
        }
        Key::NoSpaceYet => "Cet appareil n’est dans aucun espace.",
        Key::SpaceNav => "Espace",
        Key::Invite => "Inviter des collègues",
        Key::InviteIntro => {
            "Montrez ce code ou envoyez ce lien : il ouvre l’espace à qui l’a. Ne le publiez pas."
        }
        Key::QrCodeLabel => "QR code de l’invitation",
        Key::CopyLink => "Copier le lien",
        Key::LinkCopied => "Lien copié.",
        Key::LinkNotCopied => "Copie impossible ici : sélectionnez le lien et copiez-le.",
        Key::DomainsTitle => "Domaines d’expertise",
        Key::DomainsIntro => "Les domaines des mines et des profils de cet espace.",
        Key::NewDomain => "Nouveau domaine",
        Key::AddDomain => "Ajouter le domaine",
        Key::RemoveDomain => "Retirer le domaine",
        Key::EmptyDomain => "Écrivez le nom du domaine.",
        Key::DomainsModeratorsOnly => {
            "Seuls les modérateur·rices modifient l’espace et ses domaines."
        }
        Key::SaveSpace => "Enregistrer l’espace",
        Key::SpaceSaved => "Espace enregistré.",
        Key::RelayAddress => "Relais",
        Key::SpaceSettingsTitle => "Réglages de l’espace",
        Key::ShowMoreIdeas => "Afficher les idées suivantes",
    }
}

const fn en(key: Key) -> &'static str {
    match key {
        Key::AppName => "Les démineurs",
        Key::Tagline => "Agents’ ideas, defused with colleagues before they become projects.",
        Key::MainNavigation => "Main navigation",
        Key::Ideas => "Ideas",
        Key::IdeasIntro => {
            "Write down a still-vague idea in seconds: colleagues will help defuse it."
        }
        Key::NewIdea => "New idea",
        Key::NoIdeasYet => "No ideas yet. The first one could be yours.",
        Key::Untitled => "Untitled",
        Key::NotOnDeviceYet => "Not on this device yet — it will arrive with the next sync.",
        Key::Title => "Title",
        Key::TitleHint => "In a few words: what is it about?",
        Key::Constat => "Observation",
        Key::ConstatHint => "What happens today, and for whom.",
        Key::Idee => "Idea",
        Key::IdeeHint => "What you propose.",
        Key::SavedOnDevice => "Saved on the device with every keystroke.",
        Key::AllIdeas => "All ideas",
        Key::IdeaAbsent => "Idea not on this device",
        Key::IdeaMissing => {
            "This idea is not on this device. It has been requested from the relay."
        }
        Key::IdeaMissingOffline => {
            "This idea is not on this device yet, and the device is offline."
        }
        Key::Loading => "Loading…",
        Key::NotFound => "This page does not exist.",
        Key::BackHome => "Back to ideas",
        Key::SwitchLanguage => "Passer en français",
        Key::LanguageName => "Français",
        Key::UpdateReady => "A new version is ready.",
        Key::UpdateApply => "Reload to update",
        Key::StorageError => {
            "The device storage refused a write. Your latest changes are still shown; do not close the app."
        }
        Key::StorageUnreadable => {
            "The device storage could not be read: the ideas saved here are not shown. Nothing was deleted; reopen the app."
        }
        Key::StoredChunkUnreadable => {
            "Part of the data saved on this device is unreadable. It is kept as it is, nothing is deleted; everything else is shown, and what the relay holds will come back with the next sync."
        }
        Key::StorageTakenByNewerVersion => {
            "A newer version of the app is open in another tab and is updating the storage: this page no longer saves anything. Close or reload it."
        }
        Key::CreateFailed => "The idea could not be created.",
        Key::Stage => "Stage",
        Key::StageMoveTo => "Move to",
        Key::StageNote => "Why this change (optional)",
        Key::StageLessons => "What we learned",
        Key::StageSubmit => "Change stage",
        Key::StageRefusedMines => "Not yet: mines remain to be defused.",
        Key::StageRefusedLessons => "Say what we learned before abandoning the idea.",
        Key::StageRefusedMove => "This stage cannot be reached from the current one.",
        Key::StageFloue => "vague idea",
        Key::StageEnDeminage => "being defused",
        Key::StageDeminee => "defused",
        Key::StagePrete => "ready to become a project",
        Key::StageEnVeille => "on hold",
        Key::StageAbandonnee => "abandoned",
        Key::Minefield => "Minefield",
        Key::NoMines => "No mine planted yet: colleagues can plant some.",
        Key::Celebration => "Minefield cleared! Every mine is dealt with. Well done, everyone.",
        Key::Mines => "Mines",
        Key::PlantMine => "Plant a mine",
        Key::MineQuestion => "Question or risk",
        Key::MineQuestionHint => "What could make the idea fail, or what must be checked.",
        Key::MineDomain => "Domain",
        Key::MineSize => "Size",
        Key::PlantSubmit => "Plant the mine",
        Key::EmptyQuestion => "Write the question before planting the mine.",
        Key::SizePetite => "small",
        Key::SizeMoyenne => "medium",
        Key::SizeGrosse => "large",
        Key::StatusArmed => "armed",
        Key::StatusBeingDefused => "being defused",
        Key::StatusDefused => "defused",
        Key::StatusAccepted => "risk accepted",
        Key::Proposals => "Ways to defuse it",
        Key::NoProposals => "No proposal yet.",
        Key::Propose => "Propose a way to defuse it",
        Key::ProposeSubmit => "Propose",
        Key::EmptyProposal => "Write the proposal before sending it.",
        Key::Support => "Support this proposal",
        Key::Decide => "Decision",
        Key::DecideOnlyAuthor => {
            "Only the idea’s author (or a moderator) decides; you can propose."
        }
        Key::DefuseHow => "How it is defused",
        Key::DefuseSubmit => "Mark as defused",
        Key::DefuseWith => "Defuse with this proposal",
        Key::AcceptNote => "Why accept this risk",
        Key::AcceptSubmit => "Accept the risk",
        Key::EmptyDecision => "Say how, or why, before deciding.",
        Key::DecisionDefused => "Defused:",
        Key::DecisionAccepted => "Risk accepted:",
        Key::Reopen => "Re-arm the mine",
        Key::Allies => "Allies",
        Key::NoAllies => "No ally yet.",
        Key::JoinIdea => "I join this idea",
        Key::LeaveIdea => "I leave this idea",
        Key::Discussion => "Discussion",
        Key::NoComments => "No comment yet.",
        Key::Comment => "Your comment",
        Key::CommentSubmit => "Post",
        Key::EmptyComment => "Write the comment before posting it.",
        Key::You => "You",
        Key::Colleague => "A colleague",
        Key::ActionFailed => "This action could not be saved.",
        Key::Search => "Search",
        Key::SearchHint => "Words from the title, observation, idea or a mine",
        Key::Filters => "Filters",
        Key::AllStages => "All stages",
        Key::FilterDomain => "Open mines in",
        Key::AllDomains => "All domains",
        Key::NeedsMyExpertise => "Needs my expertise",
        Key::NoMatch => "No idea matches these filters.",
        Key::History => "History",
        Key::NoHistory => "No history yet.",
        Key::EvCreated => "created the idea",
        Key::EvEdited => "edited the text",
        Key::EvPlant => "planted a mine",
        Key::EvDecide => "decided on a mine",
        Key::EvReopen => "re-armed a mine",
        Key::EvPropose => "proposed a way to defuse",
        Key::EvPlusOne => "supported a proposal",
        Key::EvPlusOneWithdraw => "withdrew their support",
        Key::EvStage => "changed the stage",
        Key::EvComment => "commented",
        Key::EvAllyJoin => "joined the idea",
        Key::EvAllyLeave => "left the idea",
        Key::EvFlag => "flagged content",
        Key::EvHide => "hid content",
        Key::EvOther => "changed the idea",
        Key::Profile => "Profile",
        Key::ProfileIntro => "Your name and domains, seen by colleagues in the space.",
        Key::ProfileName => "Display name",
        Key::ProfileService => "Department",
        Key::CanHelp => "I can help with",
        Key::SaveProfile => "Save profile",
        Key::ProfileSaved => "Profile saved.",
        Key::EmptyName => "Enter a name.",
        Key::Recognition => "Mines you helped defuse",
        Key::NoRecognition => "Not yet: propose a way to defuse a mine.",
        Key::FlagButton => "Flag",
        Key::FlagIdea => "Flag this idea",
        Key::FlagMine => "Flag this mine",
        Key::FlagProposal => "Flag this proposal",
        Key::FlagComment => "Flag this comment",
        Key::FlagDone => "Flagged",
        Key::FlagReason => "Why are you flagging this content?",
        Key::FlagReasonHint => "The space’s moderators will read your reason.",
        Key::FlagSubmit => "Send the flag",
        Key::FlagCancel => "Cancel",
        Key::FlagEmptyReason => "Say why you are flagging this content.",
        Key::ModTargetGone => "This content is no longer in the idea.",
        Key::ModOnlyModerators => "Only the space’s moderators can do this.",
        Key::ModHiddenContent => "Content hidden by moderation",
        Key::ModHiddenMark => "hidden",
        Key::ModUnhide => "Show again",
        Key::ModUnhideIdea => "Show this idea again",
        Key::ModUnhideMine => "Show this mine again",
        Key::ModUnhideProposal => "Show this proposal again",
        Key::ModUnhideComment => "Show this comment again",
        Key::ModIdeaHiddenTitle => "Hidden idea",
        Key::ModIdeaHidden => "This idea was hidden by moderation. Its history can still be read.",
        Key::ModIdeaHiddenForModerators => "This idea is hidden: only moderators see its content.",
        Key::Moderation => "Moderation",
        Key::ModIntro => {
            "Content flagged by colleagues, the oldest flag first. Hiding erases nothing: the content stays in the idea’s history."
        }
        Key::ModOnlyModeratorsSee => {
            "Only the space’s moderators see flagged content and decide whether to hide it. To flag content, use the « Flag » button next to it."
        }
        Key::ModQueue => "To review",
        Key::ModQueueEmpty => "No flag is waiting.",
        Key::ModHiddenList => "Hidden content",
        Key::ModHiddenListEmpty => "No flagged content is hidden.",
        Key::ModKindIdea => "Idea",
        Key::ModKindMine => "Mine",
        Key::ModKindProposal => "Proposal",
        Key::ModKindComment => "Comment",
        Key::ModFlags => "Flags",
        Key::ModHide => "Hide",
        Key::ModDismiss => "Dismiss",
        Key::ModModerators => "Moderators of the space",
        Key::ModNoModerators => "This space has no moderator yet.",
        Key::ModModeratorsIntro => {
            "Whoever created the space moderates it; every moderator can name others among the members."
        }
        Key::ModNameMember => "Member to name",
        Key::ModNameSubmit => "Make moderator",
        Key::ModNamed => "Moderator named.",
        Key::ModNoOneToName => "Every member of the space is already a moderator.",
        Key::ModChooseMember => "Choose a member.",
        Key::ModNotMember => "This person has not joined the space yet.",
        Key::EvUnhide => "showed content again",
        Key::EvDismiss => "dismissed a flag",
        Key::Spaces => "Spaces",
        Key::SpacesIntro => {
            "The spaces on this device. A space brings colleagues together around their ideas; each has its own invitation."
        }
        Key::CurrentSpaceMark => "open",
        Key::OpenSpace => "Open the space",
        Key::CreateSpace => "Create a space",
        Key::CreateSpaceIntro => {
            "For your team, your department or a workshop. It works without a network too."
        }
        Key::SpaceName => "Space name",
        Key::SpaceDescription => "Description",
        Key::SpaceDomainsField => "Expertise domains, one per line",
        Key::YourName => "Your name, as your colleagues will see it",
        Key::CreateSpaceSubmit => "Create the space",
        Key::EmptySpaceName => "Give the space a name.",
        Key::EmptyYourName => "Enter your name: every change is signed.",
        Key::JoinSpace => "Join a space",
        Key::JoinSpaceIntro => {
            "Paste the invitation link a colleague sent you, or scan their QR code with the camera."
        }
        Key::InvitationLink => "Invitation link",
        Key::JoinSubmit => "Join the space",
        Key::InvitationInvalid => {
            "This invitation link is incomplete or damaged. Ask whoever invited you for a new one."
        }
        Key::JoinTitle => "Invitation",
        Key::JoinIntro => "You are invited to join the space",
        Key::AlreadyInSpace => "This device is already in this space.",
        Key::Welcome => "Welcome",
        Key::WelcomeIntro => {
            "To begin, create a space for your team or workshop, or join the one you were invited to."
        }
        Key::NoSpaceYet => "This device is in no space yet.",
        Key::SpaceNav => "Space",
        Key::Invite => "Invite colleagues",
        Key::InviteIntro => {
            "Show this code or send this link: whoever has it can enter the space. Do not publish it."
        }
        Key::QrCodeLabel => "Invitation QR code",
        Key::CopyLink => "Copy the link",
        Key::LinkCopied => "Link copied.",
        Key::LinkNotCopied => "Cannot copy here: select the link and copy it.",
        Key::DomainsTitle => "Expertise domains",
        Key::DomainsIntro => "The domains of this space’s mines and profiles.",
        Key::NewDomain => "New domain",
        Key::AddDomain => "Add the domain",
        Key::RemoveDomain => "Remove the domain",
        Key::EmptyDomain => "Write the domain’s name.",
        Key::DomainsModeratorsOnly => "Only moderators edit the space and its domains.",
        Key::SaveSpace => "Save the space",
        Key::SpaceSaved => "Space saved.",
        Key::RelayAddress => "Relay",
        Key::SpaceSettingsTitle => "Space settings",
        Key::ShowMoreIdeas => "Show the next ideas",
    }
}

/// The sync status line.
#[must_use]
pub fn status(locale: Locale, status: crate::domain::SyncStatus) -> String {
    use crate::domain::SyncStatus as S;
    match (locale, status) {
        (Locale::Fr, S::Starting) => "Démarrage…".into(),
        (Locale::En, S::Starting) => "Starting…".into(),
        (_, S::Offline { waiting }) => join(offline(locale), waiting_changes(locale, waiting)),
        (_, S::Connecting { waiting }) => {
            join(connecting(locale), waiting_changes(locale, waiting))
        }
        (_, S::Syncing { waiting }) => join(syncing(locale), waiting_changes(locale, waiting)),
        (Locale::Fr, S::Synced { hour, minute }) => format!("À jour à {hour:02}:{minute:02}"),
        (Locale::En, S::Synced { hour, minute }) => format!("Up to date at {hour:02}:{minute:02}"),
    }
}

const fn offline(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "Hors ligne",
        Locale::En => "Offline",
    }
}

const fn connecting(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "Connexion…",
        Locale::En => "Connecting…",
    }
}

const fn syncing(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "Synchronisation…",
        Locale::En => "Syncing…",
    }
}

fn join(state: &str, waiting: Option<String>) -> String {
    match waiting {
        Some(w) => format!("{state} — {w}"),
        None => state.to_owned(),
    }
}

/// "Terrain déminé à 70 %".
#[must_use]
pub fn progress(locale: Locale, percent: u8) -> String {
    match locale {
        Locale::Fr => format!("Terrain déminé à {percent} %"),
        Locale::En => format!("Minefield {percent}% cleared"),
    }
}

/// "posée par Anne, le 12/03 à 14:02" — `who` already translated.
#[must_use]
pub fn planted_by(locale: Locale, who: &str) -> String {
    match locale {
        Locale::Fr => format!("posée par {who}"),
        Locale::En => format!("planted by {who}"),
    }
}

/// The count of +1s on a proposal.
#[must_use]
pub fn supports(locale: Locale, n: usize) -> String {
    match (locale, n) {
        (Locale::Fr, 0 | 1) => format!("{n} soutien"),
        (Locale::Fr, n) => format!("{n} soutiens"),
        (Locale::En, 1) => "1 supporter".to_owned(),
        (Locale::En, n) => format!("{n} supporters"),
    }
}

/// A date and time, « 12/03/2026 14:02 » (`ms` since the epoch, shown in UTC
/// offset by `offset_minutes`, the device's local offset).
#[must_use]
pub fn date_time(locale: Locale, ms: i64, offset_minutes: i64) -> String {
    let minutes = ms.div_euclid(60_000) + offset_minutes;
    let (days, minute_of_day) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    let (year, month, day) = civil_from_days(days);
    let (h, m) = (minute_of_day / 60, minute_of_day % 60);
    match locale {
        Locale::Fr => format!("{day:02}/{month:02}/{year} {h:02}:{m:02}"),
        Locale::En => format!("{year}-{month:02}-{day:02} {h:02}:{m:02}"),
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// "N modifications en attente", or nothing for zero.
#[must_use]
pub fn waiting_changes(locale: Locale, n: usize) -> Option<String> {
    match (locale, n) {
        (_, 0) => None,
        (Locale::Fr, 1) => Some("1 modification en attente".into()),
        (Locale::Fr, n) => Some(format!("{n} modifications en attente")),
        (Locale::En, 1) => Some("1 change waiting".into()),
        (Locale::En, n) => Some(format!("{n} changes waiting")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SyncStatus;

    #[test]
    fn status_lines_read_naturally_in_both_languages() {
        assert_eq!(
            status(Locale::Fr, SyncStatus::Offline { waiting: 2 }),
            "Hors ligne — 2 modifications en attente"
        );
        assert_eq!(
            status(Locale::Fr, SyncStatus::Offline { waiting: 1 }),
            "Hors ligne — 1 modification en attente"
        );
        assert_eq!(
            status(Locale::Fr, SyncStatus::Offline { waiting: 0 }),
            "Hors ligne"
        );
        assert_eq!(
            status(Locale::Fr, SyncStatus::Synced { hour: 9, minute: 5 }),
            "À jour à 09:05"
        );
        assert_eq!(
            status(Locale::En, SyncStatus::Syncing { waiting: 3 }),
            "Syncing… — 3 changes waiting"
        );
    }

    #[test]
    fn dates_read_in_both_languages() {
        // 2026-03-12 14:02 UTC
        let ms = 1_773_324_120_000;
        assert_eq!(date_time(Locale::Fr, ms, 0), "12/03/2026 14:02");
        assert_eq!(date_time(Locale::En, ms, 60), "2026-03-12 15:02");
        assert_eq!(date_time(Locale::Fr, 0, 0), "01/01/1970 00:00");
    }

    #[test]
    fn locale_tags_round_trip() {
        for locale in [Locale::Fr, Locale::En] {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
        assert_eq!(Locale::from_tag("de"), None);
    }
}
