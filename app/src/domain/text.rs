//! Text as search compares it: [`fold`] removes case and accents.
//!
//! A leaf: [`super::search`] folds what is typed, [`super::card`] what an
//! idea says, and neither needs the other for it.
//!
//! Every Latin letter folds to the ASCII letter(s) people type for it when
//! their keyboard lacks it: « Nunez » finds « Nuñez », « Conceicao » finds
//! « Conceição », « Walesa » finds « Wałęsa », « strasse » finds « Straße ».
//! The letters are those of the Unicode blocks Latin-1 Supplement, Latin
//! Extended-A and -B (U+00C0–U+024F) and Latin Extended Additional
//! (U+1E00–U+1EFF, Vietnamese and the rest), one byte per code point in
//! [`LATIN`] and [`LATIN_ADDITIONAL`]: the base letter of the canonical
//! decomposition (é → e), or of the letter's name for letters without one
//! (ł « L with stroke » → l, ı « dotless i » → i), or one of [`SEVERAL`]
//! (ß → ss, æ → ae, œ → oe, þ → th…); `.` keeps letters that are not an
//! accented ASCII letter (ə, ʒ, ɛ…). The tables were generated from the
//! Unicode character database. Combining marks (text typed decomposed) are
//! dropped.
//!
//! Why tables rather than a crate: measured in a throwaway wasm32 crate
//! (opt-level z, LTO, wasm-opt -Oz) against the former French-only fold,
//! these tables cost 0.9 KB raw (0.4 KB brotli), while NFD through
//! `unicode-normalization` 0.1.26 then dropping marks cost 125 KB raw
//! (49 KB brotli), and crates that transliterate all of Unicode carry
//! larger tables still.

/// The letters that fold to several: the byte in the tables, and the letters.
const SEVERAL: [(u8, &str); 15] = [
    (b'A', "ae"),
    (b'B', "db"),
    (b'D', "dz"),
    (b'E', "oi"),
    (b'H', "hv"),
    (b'I', "ij"),
    (b'J', "nj"),
    (b'L', "lj"),
    (b'N', "ng"),
    (b'O', "oe"),
    (b'Q', "qp"),
    (b'S', "ss"),
    (b'T', "th"),
    (b'U', "ou"),
    (b'W', "ll"),
];

/// U+00C0–U+024F, 32 code points a line.
const LATIN: &[u8; 400] = b"aaaaaaAceeeeiiiidnooooo.ouuuuyTS\
      aaaaaaAceeeeiiiidnooooo.ouuuuyTy\
      aaaaaaccccccccddddeeeeeeeeeegggg\
      gggghhhhiiiiiiiiiiIIjjkk.lllllll\
      lllnnnnnnnNNooooooOOrrrrrrssssss\
      ssttttttuuuuuuuuuuuuwwyyyzzzzzzs\
      bbbb...ccdddd....ffg.H.ikkl..nno\
      ooEEpp.....ttttuu.vyyzz.........\
      ....DDDLLLJJJaaiioouuuuuuuuuu.aa\
      aaAAggggkkoooo..jDDDgg..nnaaAAoo\
      aaaaeeeeiiiioooorrrruuuusstt..hh\
      ndUUzzaaeeooooooooyylntjBQacclts\
      z..bu.eejjqqrryy";

/// U+1E00–U+1EFF, 32 code points a line.
const LATIN_ADDITIONAL: &[u8; 256] = b"aabbbbbbccddddddddddeeeeeeeeeeff\
      gghhhhhhhhhhiiiikkkkkkllllllllmm\
      mmmmnnnnnnnnoooooooopppprrrrrrrr\
      ssssssssssttttttttuuuuuuuuuuvvvv\
      wwwwwwwwwwxxxxyyzzzzzzhtwyasssS.\
      aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee\
      eeeeeeeeiiiioooooooooooooooooooo\
      oooouuuuuuuuuuuuuuyyyyyyyyWWvvyy";

/// `text` in lower case, every Latin letter folded to ASCII (see the module
/// documentation), combining marks dropped.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        // A capital is looked up as it is first: some (Ɗ, Ɲ, Ⱥ…) lower-case
        // to letters outside the tables' blocks.
        if push_folded(&mut folded, c) {
            continue;
        }
        for lower in c.to_lowercase() {
            // A small letter outside the tables' blocks (ɓ, ɲ, ⱥ…) folds as
            // its capital does.
            let mut upper = lower.to_uppercase();
            let as_capital = match (upper.next(), upper.next()) {
                (Some(capital), None) if capital != lower => push_folded(&mut folded, capital),
                _ => false,
            };
            if !as_capital && !push_folded(&mut folded, lower) && !is_combining_mark(lower) {
                folded.push(lower);
            }
        }
    }
    folded
}

/// Pushes what the tables fold `c` to; `false` when they do not fold it.
fn push_folded(folded: &mut String, c: char) -> bool {
    match entry(c) {
        Some(letter @ b'a'..=b'z') => {
            folded.push(char::from(letter));
            true
        }
        Some(several) if several != b'.' => {
            match SEVERAL.iter().find(|(byte, _)| *byte == several) {
                Some((_, letters)) => {
                    folded.push_str(letters);
                    true
                }
                None => false,
            }
        }
        _ => false,
    }
}

/// The byte of `c` in the tables, if it is in their blocks.
fn entry(c: char) -> Option<u8> {
    let code = u32::from(c);
    let (table, first): (&[u8], u32) = match code {
        0xC0..=0x24F => (LATIN, 0xC0),
        0x1E00..=0x1EFF => (LATIN_ADDITIONAL, 0x1E00),
        _ => return None,
    };
    table.get(usize::try_from(code - first).ok()?).copied()
}

/// Whether `c` is a combining diacritical mark (the blocks that hold them).
const fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
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

    #[test]
    fn every_latin_letter_folds_as_people_type_it() {
        for (written, typed) in [
            ("Nuñez", "nunez"),
            ("Conceição", "conceicao"),
            ("Lech Wałęsa", "lech walesa"),
            ("Søren Kierkegaard", "soren kierkegaard"),
            ("Straße", "strasse"),
            ("Þórður Ægisson", "thordur aegisson"),
            ("Nguyễn Văn Đức", "nguyen van duc"),
            ("Antonín Dvořák", "antonin dvorak"),
            ("Ștefan Țiriac", "stefan tiriac"),
            ("Şükrü Gürsoy", "sukru gursoy"),
            ("Åsa Lindström", "asa lindstrom"),
            ("İstanbul", "istanbul"),
            ("Jiří Čáp", "jiri cap"),
            ("Ĳsselmeer", "ijsselmeer"),
            ("Đorđe Ćosić", "dorde cosic"),
            ("Hỏa Lò", "hoa lo"),
        ] {
            assert_eq!(fold(written), typed, "{written}");
            assert_eq!(fold(typed), typed);
        }
    }

    #[test]
    fn other_scripts_and_signs_only_lose_their_case() {
        assert_eq!(
            fold("Σωκράτης Пушкин 東京 × ÷ ə"),
            "σωκράτης пушкин 東京 × ÷ ə"
        );
    }

    #[test]
    fn every_table_byte_is_a_letter_a_kept_mark_or_several_letters() {
        for byte in LATIN.iter().chain(LATIN_ADDITIONAL) {
            assert!(
                byte.is_ascii_lowercase()
                    || *byte == b'.'
                    || SEVERAL.iter().any(|(several, _)| several == byte),
                "unknown table byte {}",
                char::from(*byte)
            );
        }
    }

    #[test]
    fn a_letter_the_tables_fold_folds_to_ascii_as_a_capital_and_in_lower_case() {
        for code in (0xC0..=0x24F).chain(0x1E00..=0x1EFF) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if !entry(c).is_some_and(|byte| byte.is_ascii_lowercase()) {
                continue;
            }
            assert!(fold(&c.to_string()).is_ascii(), "U+{code:04X}");
        }
        assert_eq!(fold("Ɗangote Ɲamu Ⱥnna"), "dangote namu anna");
        assert_eq!(fold("ɗangote ɲamu ⱥnna"), "dangote namu anna");
    }

    #[test]
    fn capitals_and_small_letters_fold_alike() {
        for code in (0xC0..=0x24F).chain(0x1E00..=0x1EFF) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let lower: String = c.to_lowercase().collect();
            assert_eq!(fold(&c.to_string()), fold(&lower), "U+{code:04X}");
        }
    }
}
