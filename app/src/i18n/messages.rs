//! The table of messages: each one's key, French and English side by side.
//!
//! `messages!` turns the entries into an enum of keys ([`Key`] here,
//! [`super::page_messages::PageKey`] for the words only pages loaded on
//! demand show) with two lookups, `fr` and `en`, each a `const fn` matching
//! every key; how to add a message is in [the module above](super). `fr:`
//! and `en:` are part of the macro's one rule, so an entry missing either
//! does not build.

macro_rules! messages {
    (
        $(#[$enum_attr:meta])*
        enum $name:ident;
        $(
            $(#[$attr:meta])*
            $key:ident { fr: $fr:literal, en: $en:literal $(,)? }
        )*
    ) => {
        $(#[$enum_attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$attr])* $key,)*
        }

        #[cfg(test)]
        impl $name {
            /// Every message, in the table's order.
            pub(in crate::i18n) const ALL: &[Self] = &[$(Self::$key),*];
        }

        impl $name {
            /// The French words of `self`.
            pub(in crate::i18n) const fn fr(self) -> &'static str {
                match self {
                    $(Self::$key => $fr,)*
                }
            }

            /// The English words of `self`.
            pub(in crate::i18n) const fn en(self) -> &'static str {
                match self {
                    $(Self::$key => $en,)*
                }
            }
        }
    };
}

pub(super) use messages;

messages! {
    /// One message of the interface.
    enum Key;
    AppName { fr: "Les démineurs", en: "Les démineurs" }
    Tagline {
        fr: "Des idées d’agents, déminées entre collègues avant de devenir des projets.",
        en: "Agents’ ideas, defused with colleagues before they become projects.",
    }
    MainNavigation { fr: "Navigation principale", en: "Main navigation" }
    Ideas { fr: "Idées", en: "Ideas" }
    SkipToContent { fr: "Aller au contenu", en: "Skip to content" }
    IdeasIntro {
        fr: "Notez une idée encore floue en quelques secondes : les collègues aideront à la déminer.",
        en: "Write down a still-vague idea in seconds: colleagues will help defuse it.",
    }
    NewIdea { fr: "Nouvelle idée", en: "New idea" }
    NoIdeasYet {
        fr: "Aucune idée pour l’instant. La première peut être la vôtre.",
        en: "No ideas yet. The first one could be yours.",
    }
    Untitled { fr: "Sans titre", en: "Untitled" }
    NotOnDeviceYet {
        fr: "Pas encore sur cet appareil — elle arrivera à la prochaine synchronisation.",
        en: "Not on this device yet — it will arrive with the next sync.",
    }
    Title { fr: "Titre", en: "Title" }
    Idee { fr: "Idée", en: "Idea" }
    Loading { fr: "Chargement…", en: "Loading…" }
    NotFound { fr: "Cette page n’existe pas.", en: "This page does not exist." }
    BackHome { fr: "Retour aux idées", en: "Back to ideas" }
    SwitchLanguage { fr: "Switch to English", en: "Passer en français" }
    LanguageName { fr: "English", en: "Français" }
    UpdateReady { fr: "Une nouvelle version est prête.", en: "A new version is ready." }
    UpdateApply { fr: "Recharger pour mettre à jour", en: "Reload to update" }
    StorageError {
        fr: "Le stockage de l’appareil a refusé une écriture. Vos dernières modifications restent affichées ; ne fermez pas l’application.",
        en: "The device storage refused a write. Your latest changes are still shown; do not close the app.",
    }
    StorageUnreadable {
        fr: "Le stockage de l’appareil n’a pas pu être lu : les idées enregistrées ici ne s’affichent pas. Rien n’a été effacé ; rouvrez l’application.",
        en: "The device storage could not be read: the ideas saved here are not shown. Nothing was deleted; reopen the app.",
    }
    StoredChunkUnreadable {
        fr: "Une partie des données enregistrées sur cet appareil est illisible. Elle est gardée telle quelle, rien n’est effacé ; tout le reste s’affiche, et ce que le relais connaît reviendra à la prochaine synchronisation.",
        en: "Part of the data saved on this device is unreadable. It is kept as it is, nothing is deleted; everything else is shown, and what the relay holds will come back with the next sync.",
    }
    StorageTakenByNewerVersion {
        fr: "Une version plus récente de l’application est ouverte dans un autre onglet et met à jour le stockage : cette page n’enregistre plus rien. Fermez-la ou rechargez-la.",
        en: "A newer version of the app is open in another tab and is updating the storage: this page no longer saves anything. Close or reload it.",
    }
    CreateFailed { fr: "L’idée n’a pas pu être créée.", en: "The idea could not be created." }
    Stage { fr: "Étape", en: "Stage" }
    StageLessons { fr: "Ce que nous avons appris", en: "What we learned" }
    StageRefusedMines {
        fr: "Pas encore : des mines restent à désamorcer.",
        en: "Not yet: mines remain to be defused.",
    }
    StageRefusedLessons {
        fr: "Dites ce que nous avons appris avant d’abandonner l’idée.",
        en: "Say what we learned before abandoning the idea.",
    }
    StageRefusedMove {
        fr: "Ce changement d’étape n’est pas possible depuis l’étape actuelle.",
        en: "This stage cannot be reached from the current one.",
    }
    StageFloue { fr: "idée floue", en: "vague idea" }
    StageEnDeminage { fr: "en déminage", en: "being defused" }
    StageDeminee { fr: "déminée", en: "defused" }
    StagePrete { fr: "prête à devenir projet", en: "ready to become a project" }
    StageEnVeille { fr: "en veille", en: "on hold" }
    StageAbandonnee { fr: "abandonnée", en: "abandoned" }
    StageReason { fr: "Pourquoi la reprendre", en: "Why take it up again" }
    StageRefusedReason {
        fr: "Dites pourquoi vous reprenez l’idée.",
        en: "Say why you are taking the idea up again.",
    }
    StageRefusedNotAuthor {
        fr: "Seul·e l’auteur·rice de l’idée (ou un·e modérateur·rice) change son étape : proposez plutôt ce changement.",
        en: "Only the idea’s author (or a moderator) changes its stage: propose this change instead.",
    }
    StageRefusedOwnIdea {
        fr: "C’est votre idée : changez son étape vous-même.",
        en: "It is your idea: change its stage yourself.",
    }
    StageProposalGone { fr: "Cette proposition n’existe plus.", en: "This proposal no longer exists." }
    StageProposalAnswered {
        fr: "Cette proposition a déjà reçu une réponse.",
        en: "This proposal was already answered.",
    }
    StageProposalOutdated {
        fr: "L’idée a changé d’étape depuis cette proposition : elle ne peut plus être acceptée.",
        en: "The idea changed stage since this proposal: it can no longer be accepted.",
    }
    EmptyQuestion {
        fr: "Écrivez la question avant de poser la mine.",
        en: "Write the question before planting the mine.",
    }
    SizePetite { fr: "petite", en: "small" }
    SizeMoyenne { fr: "moyenne", en: "medium" }
    SizeGrosse { fr: "grosse", en: "large" }
    StatusArmed { fr: "armée", en: "armed" }
    StatusBeingDefused { fr: "en cours de désamorçage", en: "being defused" }
    StatusDefused { fr: "désamorcée", en: "defused" }
    StatusAccepted { fr: "risque accepté", en: "risk accepted" }
    NoProposals { fr: "Pas encore de proposition.", en: "No proposal yet." }
    EmptyProposal {
        fr: "Écrivez la proposition avant de l’envoyer.",
        en: "Write the proposal before sending it.",
    }
    DecideOnlyAuthor {
        fr: "Seul·e l’auteur·rice de l’idée (ou un·e modérateur·rice) décide ; vous pouvez proposer.",
        en: "Only the idea’s author (or a moderator) decides; you can propose.",
    }
    DefuseWith { fr: "Désamorcer avec cette proposition", en: "Defuse with this proposal" }
    AcceptNote { fr: "Pourquoi accepter ce risque", en: "Why accept this risk" }
    EmptyDecision {
        fr: "Dites comment, ou pourquoi, avant de décider.",
        en: "Say how, or why, before deciding.",
    }
    NoComments { fr: "Pas encore de commentaire.", en: "No comment yet." }
    EmptyComment {
        fr: "Écrivez le commentaire avant de le publier.",
        en: "Write the comment before posting it.",
    }
    You { fr: "Vous", en: "You" }
    Colleague { fr: "Un·e collègue", en: "A colleague" }
    ActionFailed {
        fr: "Cette action n’a pas pu être enregistrée.",
        en: "This action could not be saved.",
    }
    AuthorAlreadySet {
        fr: "Cette idée a déjà un·e auteur·rice.",
        en: "This idea already has an author.",
    }
    MineExists { fr: "Cette mine a déjà été posée.", en: "This mine has already been planted." }
    ProposalExists {
        fr: "Cette proposition a déjà été envoyée.",
        en: "This proposal has already been sent.",
    }
    MineGone { fr: "Cette mine n’est pas dans cette idée.", en: "This mine is not in this idea." }
    ProposalGone {
        fr: "Cette proposition n’est pas sur cette mine.",
        en: "This proposal is not on this mine.",
    }
    CommentExists {
        fr: "Ce commentaire a déjà été publié.",
        en: "This comment has already been posted.",
    }
    SpaceAlreadyCreated {
        fr: "Cet espace a déjà été créé.",
        en: "This space has already been created.",
    }
    SpaceNotReadYet {
        fr: "L’espace n’est pas encore chargé sur cet appareil : réessayez dans un instant.",
        en: "The space has not been loaded on this device yet: please try again in a moment.",
    }
    ContentNotOnDevice {
        fr: "Ce contenu n’est pas encore sur cet appareil : il arrivera à la prochaine synchronisation.",
        en: "This content is not on this device yet: it will arrive with the next sync.",
    }
    DeviceStorageRefused {
        fr: "Le stockage de l’appareil a refusé l’enregistrement. Réessayez dans un instant.",
        en: "The device storage refused to save this. Please try again in a moment.",
    }
    Search { fr: "Rechercher", en: "Search" }
    SearchHint {
        fr: "Mots du titre, du constat, de l’idée ou d’une mine",
        en: "Words from the title, observation, idea or a mine",
    }
    Filters { fr: "Filtres", en: "Filters" }
    AllStages { fr: "Toutes les étapes", en: "All stages" }
    SortBy { fr: "Trier par", en: "Sort by" }
    ForMe { fr: "Pour moi", en: "For me" }
    New { fr: "Nouveau", en: "New" }
    NeedsProfileDomains {
        fr: "Votre profil ne dit pas encore dans quels domaines vous pouvez aider : indiquez-les pour voir les idées qui ont besoin de vous.",
        en: "Your profile does not say yet which domains you can help with: fill them in to see the ideas that need you.",
    }
    FillProfile { fr: "Compléter mon profil", en: "Complete my profile" }
    IdeaDeleted {
        fr: "Cette idée a été supprimée par son auteur·rice.",
        en: "This idea was deleted by its author.",
    }
    WithdrawOnlyAuthor {
        fr: "Seul·e l’auteur·rice de l’idée peut la supprimer ou la retirer.",
        en: "Only the idea’s author can delete or withdraw it.",
    }
    DeleteOthersTookPart {
        fr: "Des collègues ont contribué à cette idée : retirez-la plutôt que de la supprimer.",
        en: "Colleagues contributed to this idea: withdraw it rather than delete it.",
    }
    ShowWithdrawn { fr: "Idées retirées", en: "Withdrawn ideas" }
    WithdrawnChip { fr: "retirée", en: "withdrawn" }
    SortActivity { fr: "Dernière activité", en: "Latest activity" }
    SortCreated { fr: "Date de création", en: "Date created" }
    FilterDomain { fr: "Mines ouvertes en", en: "Open mines in" }
    AllDomains { fr: "Tous les domaines", en: "All domains" }
    NeedsMyExpertise { fr: "Besoin de mon expertise", en: "Needs my expertise" }
    NoMatch { fr: "Aucune idée ne correspond à ces filtres.", en: "No idea matches these filters." }
    HistWhyChange { fr: "Pourquoi ce changement", en: "Why this change" }
    HistWhyDecline { fr: "Pourquoi ce refus", en: "Why it was declined" }
    HistHow { fr: "Comment", en: "How" }
    HistAdopted { fr: "Proposition retenue", en: "Adopted proposal" }
    HistRiskWhy { fr: "Pourquoi accepter ce risque", en: "Why the risk is accepted" }
    HistProposal { fr: "Proposition", en: "Proposal" }
    Profile { fr: "Profil", en: "Profile" }
    EmptyName { fr: "Indiquez un nom.", en: "Enter a name." }
    FlagOwnContent {
        fr: "Vous avez écrit ce contenu : on ne signale pas le sien, on le corrige.",
        en: "You wrote this: rather than flag your own content, correct it.",
    }
    FlagEmptyReason {
        fr: "Dites pourquoi vous signalez ce contenu.",
        en: "Say why you are flagging this content.",
    }
    ModTargetGone {
        fr: "Ce contenu n’est plus dans l’idée.",
        en: "This content is no longer in the idea.",
    }
    ModOnlyModerators {
        fr: "Seul·es les modérateur·rices de l’espace peuvent faire cela.",
        en: "Only the space’s moderators can do this.",
    }
    ModHiddenMark { fr: "masqué", en: "hidden" }
    Moderation { fr: "Modération", en: "Moderation" }
    ModNotMember {
        fr: "Cette personne n’a pas encore rejoint l’espace.",
        en: "This person has not joined the space yet.",
    }
    Spaces { fr: "Espaces", en: "Spaces" }
    SpacesIntro {
        fr: "Les espaces de cet appareil. Un espace réunit des collègues autour de leurs idées ; chacun a son invitation.",
        en: "The spaces on this device. A space brings colleagues together around their ideas; each has its own invitation.",
    }
    CurrentSpaceMark { fr: "ouvert", en: "open" }
    OpenSpace { fr: "Ouvrir l’espace", en: "Open the space" }
    CreateSpace { fr: "Créer un espace", en: "Create a space" }
    CreateSpaceIntro {
        fr: "Pour votre équipe, votre service ou un atelier. Cela marche aussi sans réseau.",
        en: "For your team, your department or a workshop. It works without a network too.",
    }
    SpaceName { fr: "Nom de l’espace", en: "Space name" }
    SpaceDescription { fr: "Description", en: "Description" }
    SpaceDomainsField {
        fr: "Domaines d’expertise, un par ligne",
        en: "Expertise domains, one per line",
    }
    YourName {
        fr: "Votre nom, tel que vos collègues le verront",
        en: "Your name, as your colleagues will see it",
    }
    CreateSpaceSubmit { fr: "Créer l’espace", en: "Create the space" }
    EmptySpaceName { fr: "Donnez un nom à l’espace.", en: "Give the space a name." }
    EmptyYourName {
        fr: "Indiquez votre nom : chaque modification est signée.",
        en: "Enter your name: every change is signed.",
    }
    JoinSpace { fr: "Rejoindre un espace", en: "Join a space" }
    JoinSpaceIntro {
        fr: "Collez le lien d’invitation reçu d’un·e collègue, ou scannez son QR code avec l’appareil photo.",
        en: "Paste the invitation link a colleague sent you, or scan their QR code with the camera.",
    }
    InvitationLink { fr: "Lien d’invitation", en: "Invitation link" }
    JoinSubmit { fr: "Rejoindre l’espace", en: "Join the space" }
    InvitationInvalid {
        fr: "Ce lien d’invitation est incomplet ou abîmé. Demandez-en un nouveau à la personne qui vous a invité·e.",
        en: "This invitation link is incomplete or damaged. Ask whoever invited you for a new one.",
    }
    JoinTitle { fr: "Invitation", en: "Invitation" }
    JoinIntro {
        fr: "Vous êtes invité·e à rejoindre l’espace",
        en: "You are invited to join the space",
    }
    AlreadyInSpace {
        fr: "Cet appareil est déjà dans cet espace.",
        en: "This device is already in this space.",
    }
    Welcome { fr: "Bienvenue", en: "Welcome" }
    WelcomeIntro {
        fr: "Pour commencer, créez un espace pour votre équipe ou votre atelier, ou rejoignez celui où l’on vous a invité·e.",
        en: "To begin, create a space for your team or workshop, or join the one you were invited to.",
    }
    NoSpaceYet {
        fr: "Cet appareil n’est dans aucun espace.",
        en: "This device is in no space yet.",
    }
    SpaceNav { fr: "Espace", en: "Space" }
    SwitchSpace { fr: "Changer d’espace", en: "Switch to another space" }
    RelayAddress { fr: "Adresse technique du relais", en: "The relay’s technical address" }
    ShowMoreIdeas { fr: "Afficher les idées suivantes", en: "Show the next ideas" }
    TitleHint {
        fr: "En quelques mots : de quoi s’agit-il ?",
        en: "In a few words: what is it about?",
    }
    Constat { fr: "Constat", en: "Observation" }
    ConstatHint {
        fr: "Ce qui se passe aujourd’hui, et pour qui.",
        en: "What happens today, and for whom.",
    }
    IdeeHint { fr: "Ce que vous proposez.", en: "What you propose." }
    StageMoveTo { fr: "Passer à", en: "Move to" }
    StageNote { fr: "Pourquoi ce changement (facultatif)", en: "Why this change (optional)" }
    StageSubmit { fr: "Changer d’étape", en: "Change stage" }
    StageWhy { fr: "Pourquoi", en: "Why" }
    StageProposeTo { fr: "Proposer de passer à", en: "Propose moving to" }
    StageProposeSubmit { fr: "Proposer ce changement", en: "Propose this change" }
    PlantMine { fr: "Poser une mine", en: "Plant a mine" }
    MineQuestion { fr: "Question ou risque", en: "Question or risk" }
    MineQuestionHint {
        fr: "Ce qui pourrait faire échouer l’idée, ou ce qu’il faut vérifier.",
        en: "What could make the idea fail, or what must be checked.",
    }
    ProfileSaved { fr: "Profil enregistré.", en: "Profile saved." }
    FlagIdea { fr: "Signaler cette idée", en: "Flag this idea" }
    FlagMine { fr: "Signaler cette mine", en: "Flag this mine" }
    FlagProposal { fr: "Signaler cette proposition", en: "Flag this proposal" }
    ModUnhideIdea { fr: "Afficher à nouveau cette idée", en: "Show this idea again" }
    ModUnhideMine { fr: "Afficher à nouveau cette mine", en: "Show this mine again" }
    ModUnhideProposal { fr: "Afficher à nouveau cette proposition", en: "Show this proposal again" }
    ModQueue { fr: "À examiner", en: "To review" }
    ModQueueEmpty { fr: "Aucun signalement en attente.", en: "No flag is waiting." }
    ModHiddenList { fr: "Contenus masqués", en: "Hidden content" }
    ModHiddenListEmpty {
        fr: "Aucun contenu signalé n’est masqué.",
        en: "No flagged content is hidden.",
    }
    ModKindIdea { fr: "Idée", en: "Idea" }
    ModKindMine { fr: "Mine", en: "Mine" }
    ModKindProposal { fr: "Proposition", en: "Proposal" }
    ModNamed { fr: "Modérateur·rice nommé·e.", en: "Moderator named." }
    ModChooseMember { fr: "Choisissez un membre.", en: "Choose a member." }
    DomainsTitle { fr: "Domaines d’expertise", en: "Expertise domains" }
    EmptyDomain { fr: "Écrivez le nom du domaine.", en: "Write the domain’s name." }
    SpaceSaved { fr: "Espace enregistré.", en: "Space saved." }
    FlagComment { fr: "Signaler ce commentaire", en: "Flag this comment" }
    ModUnhideComment { fr: "Afficher à nouveau ce commentaire", en: "Show this comment again" }
    ModKindComment { fr: "Commentaire", en: "Comment" }
    MineDomain { fr: "Domaine", en: "Domain" }
    ProfileName { fr: "Nom affiché", en: "Display name" }
    ProfileService { fr: "Service", en: "Department" }
    NewDomain { fr: "Nouveau domaine", en: "New domain" }
    PersonalLinkWrongMarks {
        fr: "Le lien personnel qui a ouvert cet appareil ne désigne pas vos marques de lecture : ouvrez-en un nouveau, affiché sur le profil de votre premier appareil.",
        en: "The personal link that opened this device does not name your read marks: open a new one, shown on your first device’s profile.",
    }
}
