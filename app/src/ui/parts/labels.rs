//! The translated names of the domain's enumerations.

use crate::domain::mine::{MineStatus, Size};
use crate::domain::stage::Stage;
use crate::i18n::Key;

/// The message key naming a stage.
#[must_use]
pub const fn stage(stage: Stage) -> Key {
    match stage {
        Stage::Floue => Key::StageFloue,
        Stage::EnDeminage => Key::StageEnDeminage,
        Stage::Deminee => Key::StageDeminee,
        Stage::Prete => Key::StagePrete,
        Stage::EnVeille => Key::StageEnVeille,
        Stage::Abandonnee => Key::StageAbandonnee,
    }
}

/// The message key naming a mine's size.
#[must_use]
pub const fn size(size: Size) -> Key {
    match size {
        Size::Petite => Key::SizePetite,
        Size::Moyenne => Key::SizeMoyenne,
        Size::Grosse => Key::SizeGrosse,
    }
}

/// The message key naming a mine's status.
#[must_use]
pub const fn status(status: MineStatus) -> Key {
    match status {
        MineStatus::Armed => Key::StatusArmed,
        MineStatus::BeingDefused => Key::StatusBeingDefused,
        MineStatus::Defused => Key::StatusDefused,
        MineStatus::Accepted => Key::StatusAccepted,
    }
}
