//! The words only pages loaded on demand show (moderation, an idea's
//! parts, the profile, the space's settings…): a table of their own, so
//! that they travel in those pages' chunks, not in the first load (see
//! `crate::ui::on_demand`). Same macro and rules as [`super::messages`].
//! A message that a page of the first load comes to need moves back there.

use super::messages::messages;

messages! {
    /// One message of a page loaded on demand.
    enum PageKey;
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
    AdoptProposal { fr: "Retenir cette proposition", en: "Adopt this proposal" }
    StageProposeIntro {
        fr: "L’auteur·rice décide de l’étape de son idée : proposez un changement, elle ou il l’acceptera ou le refusera.",
        en: "The author decides their idea’s stage: propose a change, and they will accept or decline it.",
    }
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
    MineSize { fr: "Taille", en: "Size" }
    PlantSubmit { fr: "Poser la mine", en: "Plant the mine" }
    Proposals { fr: "Propositions pour déminer", en: "Ways to defuse it" }
    Propose { fr: "Proposer une façon de déminer", en: "Propose a way to defuse it" }
    ProposeSubmit { fr: "Proposer", en: "Propose" }
    Support { fr: "Soutenir cette proposition", en: "Support this proposal" }
    Decide { fr: "Décision", en: "Decision" }
    DefuseHow { fr: "Comment elle est désamorcée", en: "How it is defused" }
    DefuseSubmit { fr: "Marquer désamorcée", en: "Mark as defused" }
    AcceptSubmit { fr: "Accepter le risque", en: "Accept the risk" }
    DecisionDefused { fr: "Désamorcée :", en: "Defused:" }
    DecisionAccepted { fr: "Risque accepté :", en: "Risk accepted:" }
    Reopen { fr: "Réarmer la mine", en: "Re-arm the mine" }
    Allies { fr: "Allié·es", en: "Allies" }
    NoAllies { fr: "Pas encore d’allié·e.", en: "No ally yet." }
    JoinIdea { fr: "Je me joins à cette idée", en: "I join this idea" }
    LeaveIdea { fr: "Je me retire de cette idée", en: "I leave this idea" }
    Discussion { fr: "Discussion", en: "Discussion" }
    Comment { fr: "Votre commentaire", en: "Your comment" }
    CommentSubmit { fr: "Publier", en: "Post" }
    ForMeIntro {
        fr: "Ce que vos collègues ont fait sur vos idées, vos mines et vos propositions, et les mines qui attendent votre expertise. Calculé sur cet appareil, hors ligne aussi.",
        en: "What colleagues did on your ideas, mines and proposals, and the mines waiting for your expertise. Worked out on this device, offline too.",
    }
    ForMeEmpty {
        fr: "Rien pour vous pour l’instant : quand un·e collègue posera une mine sur votre idée ou répondra à votre proposition, vous le verrez ici.",
        en: "Nothing for you yet: when a colleague plants a mine on your idea or answers your proposal, you will see it here.",
    }
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
    History { fr: "Historique", en: "History" }
    NoHistory { fr: "Pas encore d’historique.", en: "No history yet." }
    HistOverridden { fr: "non retenu", en: "not applied" }
    HistOverriddenWhy {
        fr: "Un autre changement d’étape fait au même moment l’a emporté.",
        en: "Another stage change made at the same time won.",
    }
    HistShowAll { fr: "Voir tout l’historique", en: "Show the whole history" }
    HistRemoved { fr: "supprimé :", en: "removed:" }
    HistAdded { fr: "ajouté :", en: "added:" }
    ProfileIntro {
        fr: "Votre nom et vos domaines, visibles des collègues de l’espace.",
        en: "Your name and domains, seen by colleagues in the space.",
    }
    CanHelp { fr: "Je peux aider en", en: "I can help with" }
    SaveProfile { fr: "Enregistrer le profil", en: "Save profile" }
    Recognition { fr: "Mines que vous avez aidé à désamorcer", en: "Mines you helped defuse" }
    NoRecognition {
        fr: "Pas encore : proposez une façon de déminer une mine.",
        en: "Not yet: propose a way to defuse a mine.",
    }
    FlagButton { fr: "Signaler", en: "Flag" }
    FlagDone { fr: "Signalé", en: "Flagged" }
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
    ModHiddenContent { fr: "Contenu masqué par la modération", en: "Content hidden by moderation" }
    ModUnhide { fr: "Afficher à nouveau", en: "Show again" }
    ModIdeaHiddenTitle { fr: "Idée masquée", en: "Hidden idea" }
    ModIdeaHidden {
        fr: "Cette idée a été masquée par la modération. Son historique reste consultable.",
        en: "This idea was hidden by moderation. Its history can still be read.",
    }
    ModIdeaHiddenForModerators {
        fr: "Cette idée est masquée : seul·es les modérateur·rices voient son contenu.",
        en: "This idea is hidden: only moderators see its content.",
    }
    ModIntro {
        fr: "Les contenus signalés par les collègues, le plus ancien signalement d’abord. Masquer n’efface rien : le contenu reste dans l’historique de l’idée.",
        en: "Content flagged by colleagues, the oldest flag first. Hiding erases nothing: the content stays in the idea’s history.",
    }
    ModOnlyModeratorsSee {
        fr: "Seul·es les modérateur·rices de l’espace voient les contenus signalés et décident de les masquer. Pour signaler un contenu, utilisez le bouton « Signaler » placé à côté de lui.",
        en: "Only the space’s moderators see flagged content and decide whether to hide it. To flag content, use the « Flag » button next to it.",
    }
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
    ModNoOneToName {
        fr: "Tous les membres de l’espace sont déjà modérateur·rices.",
        en: "Every member of the space is already a moderator.",
    }
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
    DomainsIntro {
        fr: "Les domaines des mines et des profils de cet espace.",
        en: "The domains of this space’s mines and profiles.",
    }
    AddDomain { fr: "Ajouter le domaine", en: "Add the domain" }
    RemoveDomain { fr: "Retirer le domaine", en: "Remove the domain" }
    DomainsModeratorsOnly {
        fr: "Seul·es les modérateur·rices modifient l’espace et ses domaines.",
        en: "Only moderators edit the space and its domains.",
    }
    SaveSpace { fr: "Enregistrer l’espace", en: "Save the space" }
    SpaceSettingsTitle { fr: "Réglages de l’espace", en: "Space settings" }
}
