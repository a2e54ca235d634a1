//! The table of messages: each one's key, French and English side by side.
//!
//! `messages!` turns the entries into the [`Key`] enum and the two lookups,
//! `fr` and `en`, each a `const fn` matching every key; how to add a message
//! is in [the module above](super). `fr:` and `en:` are part of the macro's
//! one rule, so an entry missing either does not build.

macro_rules! messages {
    ($(
        $(#[$attr:meta])*
        $key:ident { fr: $fr:literal, en: $en:literal $(,)? }
    )*) => {
        /// One message of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $($(#[$attr])* $key,)*
        }

        #[cfg(test)]
        impl Key {
            /// Every message, in the table's order.
            pub(super) const ALL: &[Self] = &[$(Self::$key),*];
        }

        /// The French words of `key`.
        pub(super) const fn fr(key: Key) -> &'static str {
            match key {
                $(Key::$key => $fr,)*
            }
        }

        /// The English words of `key`.
        pub(super) const fn en(key: Key) -> &'static str {
            match key {
                $(Key::$key => $en,)*
            }
        }
    };
}

messages! {
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
    TitleHint {
        fr: "En quelques mots : de quoi s’agit-il ?",
        en: "In a few words: what is it about?",
    }
    Constat { fr: "Constat", en: "Observation" }
    ConstatHint {
        fr: "Ce qui se passe aujourd’hui, et pour qui.",
        en: "What happens today, and for whom.",
    }
    Idee { fr: "Idée", en: "Idea" }
    IdeeHint { fr: "Ce que vous proposez.", en: "What you propose." }
    SavedOnDevice {
        fr: "Enregistré sur l’appareil à chaque frappe.",
        en: "Saved on the device with every keystroke.",
    }
    AllIdeas { fr: "Toutes les idées", en: "All ideas" }
    IdeaAbsent { fr: "Idée absente de cet appareil", en: "Idea not on this device" }
    IdeaMissing {
        fr: "Cette idée n’est pas sur cet appareil. Elle est demandée au relais.",
        en: "This idea is not on this device. It has been requested from the relay.",
    }
    IdeaMissingOffline {
        fr: "Cette idée n’est pas encore sur cet appareil, et l’appareil est hors ligne.",
        en: "This idea is not on this device yet, and the device is offline.",
    }
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
    StageMoveTo { fr: "Passer à", en: "Move to" }
    StageNote { fr: "Pourquoi ce changement (facultatif)", en: "Why this change (optional)" }
    StageLessons { fr: "Ce que nous avons appris", en: "What we learned" }
    StageSubmit { fr: "Changer d’étape", en: "Change stage" }
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
    StageWhy { fr: "Pourquoi", en: "Why" }
    AdoptProposal { fr: "Retenir cette proposition", en: "Adopt this proposal" }
    StageProposeTo { fr: "Proposer de passer à", en: "Propose moving to" }
    StageProposeIntro {
        fr: "L’auteur·rice décide de l’étape de son idée : proposez un changement, elle ou il l’acceptera ou le refusera.",
        en: "The author decides their idea’s stage: propose a change, and they will accept or decline it.",
    }
    StageProposeSubmit { fr: "Proposer ce changement", en: "Propose this change" }
    StageProposed {
        fr: "Proposition envoyée : l’auteur·rice la verra sur l’idée et dans « Pour moi ».",
        en: "Proposal sent: the author will see it on the idea and in “For me”.",
    }
    StageProposals { fr: "Changements d’étape proposés", en: "Proposed stage changes" }
    StageAccept { fr: "Accepter", en: "Accept" }
    StageDecline { fr: "Refuser", en: "Decline" }
    StageDeclineNote { fr: "Pourquoi refuser (facultatif)", en: "Why decline (optional)" }
    StageNeedsLook {
        fr: "À revoir : une mine a été posée pendant que l’idée était déclarée terminée. Désamorcez-la ou renvoyez l’idée en déminage.",
        en: "Needs a look: a mine was planted while the idea was declared finished. Defuse it or send the idea back to defusing.",
    }
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
    Minefield { fr: "Terrain", en: "Minefield" }
    MinefieldPicture {
        fr: "Le terrain et ses mines, rangées par thème : touchez-en une pour aller à elle",
        en: "The field and its mines, by subject: tap one to go to it",
    }
    NoMines {
        fr: "Aucune mine posée pour l’instant : les collègues peuvent en poser.",
        en: "No mine planted yet: colleagues can plant some.",
    }
    Celebration {
        fr: "Terrain déminé ! Toutes les mines sont traitées. Bravo à toutes et tous.",
        en: "Minefield cleared! Every mine is dealt with. Well done, everyone.",
    }
    Mines { fr: "Mines", en: "Mines" }
    PlantMine { fr: "Poser une mine", en: "Plant a mine" }
    MineQuestion { fr: "Question ou risque", en: "Question or risk" }
    MineQuestionHint {
        fr: "Ce qui pourrait faire échouer l’idée, ou ce qu’il faut vérifier.",
        en: "What could make the idea fail, or what must be checked.",
    }
    MineDomain { fr: "Domaine", en: "Domain" }
    MineSize { fr: "Taille", en: "Size" }
    PlantSubmit { fr: "Poser la mine", en: "Plant the mine" }
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
    Proposals { fr: "Propositions pour déminer", en: "Ways to defuse it" }
    NoProposals { fr: "Pas encore de proposition.", en: "No proposal yet." }
    Propose { fr: "Proposer une façon de déminer", en: "Propose a way to defuse it" }
    ProposeSubmit { fr: "Proposer", en: "Propose" }
    EmptyProposal {
        fr: "Écrivez la proposition avant de l’envoyer.",
        en: "Write the proposal before sending it.",
    }
    Support { fr: "Soutenir cette proposition", en: "Support this proposal" }
    Decide { fr: "Décision", en: "Decision" }
    DecideOnlyAuthor {
        fr: "Seul·e l’auteur·rice de l’idée (ou un·e modérateur·rice) décide ; vous pouvez proposer.",
        en: "Only the idea’s author (or a moderator) decides; you can propose.",
    }
    DefuseHow { fr: "Comment elle est désamorcée", en: "How it is defused" }
    DefuseSubmit { fr: "Marquer désamorcée", en: "Mark as defused" }
    DefuseWith { fr: "Désamorcer avec cette proposition", en: "Defuse with this proposal" }
    AcceptNote { fr: "Pourquoi accepter ce risque", en: "Why accept this risk" }
    AcceptSubmit { fr: "Accepter le risque", en: "Accept the risk" }
    EmptyDecision {
        fr: "Dites comment, ou pourquoi, avant de décider.",
        en: "Say how, or why, before deciding.",
    }
    DecisionDefused { fr: "Désamorcée :", en: "Defused:" }
    DecisionAccepted { fr: "Risque accepté :", en: "Risk accepted:" }
    Reopen { fr: "Réarmer la mine", en: "Re-arm the mine" }
    Allies { fr: "Allié·es", en: "Allies" }
    NoAllies { fr: "Pas encore d’allié·e.", en: "No ally yet." }
    JoinIdea { fr: "Je me joins à cette idée", en: "I join this idea" }
    LeaveIdea { fr: "Je me retire de cette idée", en: "I leave this idea" }
    Discussion { fr: "Discussion", en: "Discussion" }
    NoComments { fr: "Pas encore de commentaire.", en: "No comment yet." }
    Comment { fr: "Votre commentaire", en: "Your comment" }
    CommentSubmit { fr: "Publier", en: "Post" }
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
    ForMeIntro {
        fr: "Ce que vos collègues ont fait sur vos idées, vos mines et vos propositions, et les mines qui attendent votre expertise. Calculé sur cet appareil, hors ligne aussi.",
        en: "What colleagues did on your ideas, mines and proposals, and the mines waiting for your expertise. Worked out on this device, offline too.",
    }
    ForMeEmpty {
        fr: "Rien pour vous pour l’instant : quand un·e collègue posera une mine sur votre idée ou répondra à votre proposition, vous le verrez ici.",
        en: "Nothing for you yet: when a colleague plants a mine on your idea or answers your proposal, you will see it here.",
    }
    New { fr: "Nouveau", en: "New" }
    NeedsProfileDomains {
        fr: "Votre profil ne dit pas encore dans quels domaines vous pouvez aider : indiquez-les pour voir les idées qui ont besoin de vous.",
        en: "Your profile does not say yet which domains you can help with: fill them in to see the ideas that need you.",
    }
    FillProfile { fr: "Compléter mon profil", en: "Complete my profile" }
    DeleteIdea { fr: "Supprimer cette idée", en: "Delete this idea" }
    DeleteIdeaHint {
        fr: "Personne d’autre n’y a touché : vous pouvez la supprimer, elle disparaîtra de toutes les listes.",
        en: "Nobody else has touched it: you can delete it, and it will leave every list.",
    }
    DeleteConfirm { fr: "Oui, supprimer définitivement", en: "Yes, delete for good" }
    Cancel { fr: "Annuler", en: "Cancel" }
    WithdrawIdea { fr: "Retirer cette idée de la liste", en: "Withdraw this idea from the list" }
    WithdrawIdeaHint {
        fr: "Des collègues y ont contribué : elle ne peut plus être supprimée, mais vous pouvez la retirer de la liste. Tout reste lisible et vous pourrez la remettre.",
        en: "Colleagues contributed to it: it can no longer be deleted, but you can withdraw it from the list. Everything stays readable and you can put it back.",
    }
    RestoreIdea { fr: "Remettre l’idée dans la liste", en: "Put the idea back in the list" }
    IdeaWithdrawnNote {
        fr: "Cette idée a été retirée de la liste par son auteur·rice. Elle reste lisible ici.",
        en: "This idea was withdrawn from the list by its author. It stays readable here.",
    }
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
    History { fr: "Historique", en: "History" }
    NoHistory { fr: "Pas encore d’historique.", en: "No history yet." }
    HistWhyChange { fr: "Pourquoi ce changement", en: "Why this change" }
    HistWhyDecline { fr: "Pourquoi ce refus", en: "Why it was declined" }
    HistHow { fr: "Comment", en: "How" }
    HistAdopted { fr: "Proposition retenue", en: "Adopted proposal" }
    HistRiskWhy { fr: "Pourquoi accepter ce risque", en: "Why the risk is accepted" }
    HistProposal { fr: "Proposition", en: "Proposal" }
    HistOverridden { fr: "non retenu", en: "not applied" }
    HistOverriddenWhy {
        fr: "Un autre changement d’étape fait au même moment l’a emporté.",
        en: "Another stage change made at the same time won.",
    }
    HistShowAll { fr: "Voir tout l’historique", en: "Show the whole history" }
    HistRemoved { fr: "supprimé :", en: "removed:" }
    HistAdded { fr: "ajouté :", en: "added:" }
    Profile { fr: "Profil", en: "Profile" }
    ProfileIntro {
        fr: "Votre nom et vos domaines, visibles des collègues de l’espace.",
        en: "Your name and domains, seen by colleagues in the space.",
    }
    ProfileName { fr: "Nom affiché", en: "Display name" }
    ProfileService { fr: "Service", en: "Department" }
    CanHelp { fr: "Je peux aider en", en: "I can help with" }
    SaveProfile { fr: "Enregistrer le profil", en: "Save profile" }
    ProfileSaved { fr: "Profil enregistré.", en: "Profile saved." }
    EmptyName { fr: "Indiquez un nom.", en: "Enter a name." }
    Recognition { fr: "Mines que vous avez aidé à désamorcer", en: "Mines you helped defuse" }
    NoRecognition {
        fr: "Pas encore : proposez une façon de déminer une mine.",
        en: "Not yet: propose a way to defuse a mine.",
    }
    FlagButton { fr: "Signaler", en: "Flag" }
    FlagIdea { fr: "Signaler cette idée", en: "Flag this idea" }
    FlagMine { fr: "Signaler cette mine", en: "Flag this mine" }
    FlagProposal { fr: "Signaler cette proposition", en: "Flag this proposal" }
    FlagComment { fr: "Signaler ce commentaire", en: "Flag this comment" }
    FlagDone { fr: "Signalé", en: "Flagged" }
    FlagOwnContent {
        fr: "Vous avez écrit ce contenu : on ne signale pas le sien, on le corrige.",
        en: "You wrote this: rather than flag your own content, correct it.",
    }
    FlagReason {
        fr: "Pourquoi signalez-vous ce contenu ?",
        en: "Why are you flagging this content?",
    }
    FlagReasonHint {
        fr: "Les modérateur·rices de l’espace liront votre raison.",
        en: "The space’s moderators will read your reason.",
    }
    FlagSubmit { fr: "Envoyer le signalement", en: "Send the flag" }
    FlagCancel { fr: "Annuler", en: "Cancel" }
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
    ModHiddenContent { fr: "Contenu masqué par la modération", en: "Content hidden by moderation" }
    ModHiddenMark { fr: "masqué", en: "hidden" }
    ModUnhide { fr: "Afficher à nouveau", en: "Show again" }
    ModUnhideIdea { fr: "Afficher à nouveau cette idée", en: "Show this idea again" }
    ModUnhideMine { fr: "Afficher à nouveau cette mine", en: "Show this mine again" }
    ModUnhideProposal { fr: "Afficher à nouveau cette proposition", en: "Show this proposal again" }
    ModUnhideComment { fr: "Afficher à nouveau ce commentaire", en: "Show this comment again" }
    ModIdeaHiddenTitle { fr: "Idée masquée", en: "Hidden idea" }
    ModIdeaHidden {
        fr: "Cette idée a été masquée par la modération. Son historique reste consultable.",
        en: "This idea was hidden by moderation. Its history can still be read.",
    }
    ModIdeaHiddenForModerators {
        fr: "Cette idée est masquée : seul·es les modérateur·rices voient son contenu.",
        en: "This idea is hidden: only moderators see its content.",
    }
    Moderation { fr: "Modération", en: "Moderation" }
    ModIntro {
        fr: "Les contenus signalés par les collègues, le plus ancien signalement d’abord. Masquer n’efface rien : le contenu reste dans l’historique de l’idée.",
        en: "Content flagged by colleagues, the oldest flag first. Hiding erases nothing: the content stays in the idea’s history.",
    }
    ModOnlyModeratorsSee {
        fr: "Seul·es les modérateur·rices de l’espace voient les contenus signalés et décident de les masquer. Pour signaler un contenu, utilisez le bouton « Signaler » placé à côté de lui.",
        en: "Only the space’s moderators see flagged content and decide whether to hide it. To flag content, use the « Flag » button next to it.",
    }
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
    ModKindComment { fr: "Commentaire", en: "Comment" }
    ModFlags { fr: "Signalements", en: "Flags" }
    ModHide { fr: "Masquer", en: "Hide" }
    ModDismiss { fr: "Classer sans suite", en: "Dismiss" }
    ModModerators { fr: "Modérateur·rices de l’espace", en: "Moderators of the space" }
    ModNoModerators {
        fr: "Cet espace n’a pas encore de modérateur·rice.",
        en: "This space has no moderator yet.",
    }
    ModModeratorsIntro {
        fr: "La personne qui a créé l’espace le modère ; chaque modérateur·rice peut en nommer d’autres parmi les membres.",
        en: "Whoever created the space moderates it; every moderator can name others among the members.",
    }
    ModNameMember { fr: "Membre à nommer modérateur·rice", en: "Member to make a moderator" }
    ModNameSubmit { fr: "Nommer modérateur·rice", en: "Make moderator" }
    ModNamed { fr: "Modérateur·rice nommé·e.", en: "Moderator named." }
    ModNoOneToName {
        fr: "Tous les membres de l’espace sont déjà modérateur·rices.",
        en: "Every member of the space is already a moderator.",
    }
    ModChooseMember { fr: "Choisissez un membre.", en: "Choose a member." }
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
    Invite { fr: "Inviter des collègues", en: "Invite colleagues" }
    InviteIntro {
        fr: "Montrez ce code ou envoyez ce lien : il ouvre l’espace à qui l’a. Ne le publiez pas.",
        en: "Show this code or send this link: whoever has it can enter the space. Do not publish it.",
    }
    QrCodeLabel { fr: "QR code de l’invitation", en: "Invitation QR code" }
    CopyLink { fr: "Copier le lien", en: "Copy the link" }
    LinkCopied { fr: "Lien copié.", en: "Link copied." }
    LinkNotCopied {
        fr: "Copie impossible ici : sélectionnez le lien et copiez-le.",
        en: "Cannot copy here: select the link and copy it.",
    }
    DomainsTitle { fr: "Domaines d’expertise", en: "Expertise domains" }
    DomainsIntro {
        fr: "Les domaines des mines et des profils de cet espace.",
        en: "The domains of this space’s mines and profiles.",
    }
    NewDomain { fr: "Nouveau domaine", en: "New domain" }
    AddDomain { fr: "Ajouter le domaine", en: "Add the domain" }
    RemoveDomain { fr: "Retirer le domaine", en: "Remove the domain" }
    EmptyDomain { fr: "Écrivez le nom du domaine.", en: "Write the domain’s name." }
    DomainsModeratorsOnly {
        fr: "Seul·es les modérateur·rices modifient l’espace et ses domaines.",
        en: "Only moderators edit the space and its domains.",
    }
    SaveSpace { fr: "Enregistrer l’espace", en: "Save the space" }
    SpaceSaved { fr: "Espace enregistré.", en: "Space saved." }
    RelayAddress { fr: "Adresse technique du relais", en: "The relay’s technical address" }
    SpaceSettingsTitle { fr: "Réglages de l’espace", en: "Space settings" }
    ShowMoreIdeas { fr: "Afficher les idées suivantes", en: "Show the next ideas" }
}
