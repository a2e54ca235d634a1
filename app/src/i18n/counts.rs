//! What an idea's card counts, with each language's plural: open mines,
//! proposals waiting for the author, comments.

use super::Locale;

fn counted(locale: Locale, n: usize, fr: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = match locale {
        Locale::Fr => fr,
        Locale::En => en,
    };
    // French singular covers 0 and 1; English only 1.
    let singular = match locale {
        Locale::Fr => n <= 1,
        Locale::En => n == 1,
    };
    format!("{n} {}", if singular { one } else { many })
}

/// « 2 mines ouvertes ».
#[must_use]
pub fn open_mines(locale: Locale, n: usize) -> String {
    counted(
        locale,
        n,
        ("mine ouverte", "mines ouvertes"),
        ("open mine", "open mines"),
    )
}

/// « 1 proposition en attente » (of the author's decision).
#[must_use]
pub fn waiting_proposals(locale: Locale, n: usize) -> String {
    counted(
        locale,
        n,
        ("proposition en attente", "propositions en attente"),
        ("proposal waiting", "proposals waiting"),
    )
}

/// « 3 commentaires ».
#[must_use]
pub fn comments(locale: Locale, n: usize) -> String {
    counted(
        locale,
        n,
        ("commentaire", "commentaires"),
        ("comment", "comments"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_each_language_s_plural() {
        assert_eq!(open_mines(Locale::Fr, 1), "1 mine ouverte");
        assert_eq!(open_mines(Locale::Fr, 2), "2 mines ouvertes");
        assert_eq!(open_mines(Locale::En, 2), "2 open mines");
        assert_eq!(
            waiting_proposals(Locale::Fr, 3),
            "3 propositions en attente"
        );
        assert_eq!(waiting_proposals(Locale::En, 1), "1 proposal waiting");
        assert_eq!(comments(Locale::Fr, 1), "1 commentaire");
        assert_eq!(comments(Locale::En, 0), "0 comments");
    }
}
