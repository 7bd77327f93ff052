//! The stages a thematic plan moves through, in order.

use std::fmt;
use std::str::FromStr;

/// A stage of a plan's cycle (DESIGN.md, "The lifecycle").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Mandat: mandate and frame adopted by formannskapet.
    Mandate,
    /// Kunnskapsgrunnlag: the knowledge base.
    KnowledgeBase,
    /// Førstegangsbehandling: first treatment in formannskapet.
    FirstTreatment,
    /// Medvirkning og høring: participation and public hearing.
    Hearing,
    /// Annengangsbehandling: second treatment in formannskapet.
    SecondTreatment,
    /// Endelig vedtak: final vote in kommunestyret.
    FinalVote,
    /// Vedtatt: adopted and in force.
    Adopted,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Mandate,
        Stage::KnowledgeBase,
        Stage::FirstTreatment,
        Stage::Hearing,
        Stage::SecondTreatment,
        Stage::FinalVote,
        Stage::Adopted,
    ];

    /// The key stored in the database and used in URLs and catalogues.
    pub fn key(self) -> &'static str {
        match self {
            Stage::Mandate => "mandat",
            Stage::KnowledgeBase => "kunnskapsgrunnlag",
            Stage::FirstTreatment => "forstegangsbehandling",
            Stage::Hearing => "medvirkning-og-horing",
            Stage::SecondTreatment => "annengangsbehandling",
            Stage::FinalVote => "endelig-vedtak",
            Stage::Adopted => "vedtatt",
        }
    }

    /// Position in the order, from 1.
    pub fn number(self) -> usize {
        Stage::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown stage '{0}'")]
pub struct UnknownStage(pub String);

impl FromStr for Stage {
    type Err = UnknownStage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Stage::ALL.into_iter().find(|stage| stage.key() == s).ok_or_else(|| UnknownStage(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_in_order() {
        for (i, stage) in Stage::ALL.into_iter().enumerate() {
            assert_eq!(stage.key().parse::<Stage>(), Ok(stage));
            assert_eq!(stage.number(), i + 1);
        }
        assert!("ukjent".parse::<Stage>().is_err());
    }
}
