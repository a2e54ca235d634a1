//! The history as people read it: newest first, gathered by person and
//! minute under one heading (« Marie · 7 déc. 2026 à 14:05 »), every
//! action kept as its own line.

use super::super::ids::MemberId;
use super::entry::Entry;

/// What one person did within one minute, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Who.
    pub by: Option<MemberId>,
    /// When: the newest entry's time (ms since the epoch).
    pub at: i64,
    /// Every entry, newest first; never empty.
    pub entries: Vec<Entry>,
}

/// The minute a time falls in.
const fn minute(at: i64) -> i64 {
    at.div_euclid(60_000)
}

/// `entries` (oldest first, as [`super::entry::entries`] gives them),
/// newest first, consecutive ones by one person in one minute gathered.
#[must_use]
pub fn groups(entries: Vec<Entry>) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for entry in entries.into_iter().rev() {
        match out.last_mut() {
            Some(group) if group.by == entry.by && minute(group.at) == minute(entry.at) => {
                group.entries.push(entry);
            }
            _ => out.push(Group {
                by: entry.by,
                at: entry.at,
                entries: vec![entry],
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::entry::What;
    use super::*;

    fn entry(by: u8, at: i64, what: What) -> Entry {
        Entry {
            by: Some(MemberId::from_bytes([by; 16])),
            at,
            what,
        }
    }

    #[test]
    fn one_person_in_one_minute_is_one_group_that_keeps_every_action() {
        let list = vec![
            entry(
                1,
                0,
                What::Created {
                    title: String::new(),
                },
            ),
            entry(2, 60_000, What::Commented),
            entry(2, 61_000, What::Commented),
            entry(2, 119_000, What::AllyJoined),
            entry(2, 120_000, What::AllyLeft),
            entry(1, 121_000, What::Flagged),
        ];
        let grouped = groups(list);
        let shape: Vec<(u8, usize)> = grouped
            .iter()
            .map(|g| {
                let who = if g.by == Some(MemberId::from_bytes([1; 16])) {
                    1
                } else {
                    2
                };
                (who, g.entries.len())
            })
            .collect();
        assert_eq!(shape, vec![(1, 1), (2, 1), (2, 3), (1, 1)]);
        assert_eq!(grouped[2].entries[0].what, What::AllyJoined);
        assert_eq!(grouped[2].at, 119_000);
        assert_eq!(grouped.iter().map(|g| g.entries.len()).sum::<usize>(), 6);
    }
}
