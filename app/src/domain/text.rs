//! Text as search compares it: [`fold`] removes case and accents.
//!
//! A leaf: [`super::search`] folds what is typed, [`super::card`] what an
//! idea says, and neither needs the other for it.

/// `text` in lower case without French accents: é è ê ë → e, à â ä → a,
/// ç → c, î ï → i, ô ö → o, ù û ü → u, ÿ → y, œ → oe, æ → ae.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'é' | 'è' | 'ê' | 'ë' => folded.push('e'),
            'à' | 'â' | 'ä' => folded.push('a'),
            'ç' => folded.push('c'),
            'î' | 'ï' => folded.push('i'),
            'ô' | 'ö' => folded.push('o'),
            'ù' | 'û' | 'ü' => folded.push('u'),
            'ÿ' => folded.push('y'),
            'œ' => folded.push_str("oe"),
            'æ' => folded.push_str("ae"),
            // Combining accents (text typed in decomposed form).
            '\u{300}'..='\u{36f}' => {}
            c => folded.push(c),
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_case_and_french_accents() {
        assert_eq!(
            fold("Élève À l'ŒUVRE, garçon naïf où ça ? Noël"),
            "eleve a l'oeuvre, garcon naif ou ca ? noel"
        );
        assert_eq!(fold("Sécurité"), fold("securite"));
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
    }
}
