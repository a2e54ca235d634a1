//! A compact word diff: what an edit removed and added, for the history.
//!
//! The texts are cut into words and the spaces between them, the common
//! start and end are set aside, and the middle is compared with a longest
//! common subsequence (quadratic, bounded: past [`MAX_CELLS`] the middle
//! reads as all removed then all added). Written here rather than taken
//! from a crate (`similar`, `diff`): an idea's fields are a few paragraphs
//! and this is some sixty lines, where a crate brings algorithms, options
//! and bytes the tablets would download for nothing.
//!
//! [`compact`] then shortens long unchanged stretches to a few words of
//! context around each change, joined by « … ».

/// What a stretch of text did in an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// In both texts.
    Kept,
    /// Only in the text before.
    Removed,
    /// Only in the text after.
    Added,
}

/// A stretch of text and what the edit did to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Kept, removed or added.
    pub kind: Kind,
    /// The words (and the spaces between them).
    pub text: String,
}

/// Past this many cells (words before × words after, once the common start
/// and end are set aside) the middle is not compared word by word.
pub const MAX_CELLS: usize = 250_000;

/// Words and runs of spaces, in order: joined, they give `text` back.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut space = None;
    for (i, c) in text.char_indices() {
        let is_space = c.is_whitespace();
        if space.is_some_and(|s| s != is_space) {
            out.push(&text[start..i]);
            start = i;
        }
        space = Some(is_space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The word diff from `before` to `after`, adjacent pieces of one kind joined.
#[must_use]
pub fn diff(before: &str, after: &str) -> Vec<Piece> {
    let (a, b) = (tokens(before), tokens(after));
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut steps: Vec<(Kind, &str)> = a[..prefix].iter().map(|t| (Kind::Kept, *t)).collect();
    steps.extend(middle(mid_a, mid_b));
    steps.extend(a[a.len() - suffix..].iter().map(|t| (Kind::Kept, *t)));
    let mut pieces: Vec<Piece> = Vec::new();
    for (kind, text) in steps {
        match pieces.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => pieces.push(Piece {
                kind,
                text: text.to_owned(),
            }),
        }
    }
    pieces
}

/// The steps from `a` to `b`: a longest common subsequence when small enough.
fn middle<'t>(a: &[&'t str], b: &[&'t str]) -> Vec<(Kind, &'t str)> {
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > MAX_CELLS || n == 0 || m == 0 {
        let removed = a.iter().map(|t| (Kind::Removed, *t));
        return removed.chain(b.iter().map(|t| (Kind::Added, *t))).collect();
    }
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = m + 1;
    let mut lcs = vec![0_u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut steps = Vec::with_capacity(n + m);
    while i < n && j < m {
        if a[i] == b[j] {
            steps.push((Kind::Kept, a[i]));
            (i, j) = (i + 1, j + 1);
        } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
            steps.push((Kind::Removed, a[i]));
            i += 1;
        } else {
            steps.push((Kind::Added, b[j]));
            j += 1;
        }
    }
    steps.extend(a[i..].iter().map(|t| (Kind::Removed, *t)));
    steps.extend(b[j..].iter().map(|t| (Kind::Added, *t)));
    steps
}

/// `pieces` with every kept stretch longer than `context` words on each
/// side of a change shortened to those words, the rest written « … ».
#[must_use]
pub fn compact(pieces: Vec<Piece>, context: usize) -> Vec<Piece> {
    let last = pieces.len().saturating_sub(1);
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            if piece.kind != Kind::Kept {
                return piece;
            }
            let words = tokens(&piece.text);
            // A word and the space after it count as two tokens.
            let keep = context * 2;
            let text = match (i == 0, i == last) {
                (true, true) => piece.text,
                (true, false) if words.len() > keep => {
                    format!("…{}", words[words.len() - keep..].concat())
                }
                (false, true) if words.len() > keep => format!("{}…", words[..keep].concat()),
                (false, false) if words.len() > 2 * keep + 1 => format!(
                    "{}…{}",
                    words[..keep].concat(),
                    words[words.len() - keep..].concat()
                ),
                _ => piece.text,
            };
            Piece {
                kind: piece.kind,
                text,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p.kind {
                Kind::Kept => p.text.clone(),
                Kind::Removed => format!("[-{}-]", p.text),
                Kind::Added => format!("{{+{}+}}", p.text),
            })
            .collect()
    }

    #[test]
    fn a_changed_word_reads_as_removed_then_added() {
        let d = diff(
            "Gobelets jetables à la cantine",
            "Gobelets lavables à la cantine",
        );
        assert_eq!(show(&d), "Gobelets [-jetables-]{+lavables+} à la cantine");
    }

    #[test]
    fn added_and_removed_words_keep_the_rest_whole() {
        assert_eq!(show(&diff("", "Vélos")), "{+Vélos+}");
        assert_eq!(show(&diff("Vélos", "")), "[-Vélos-]");
        assert_eq!(
            show(&diff(
                "Des vélos de service",
                "Des vélos électriques de service partagés"
            )),
            "Des vélos {+électriques +}de service{+ partagés+}"
        );
        assert_eq!(show(&diff("a b c", "a b c")), "a b c");
    }

    #[test]
    fn joined_pieces_give_both_texts_back() {
        let (before, after) = (
            "Le marché impose des gobelets",
            "Le nouveau marché permet des gobelets lavés",
        );
        let d = diff(before, after);
        let side = |skip: Kind| {
            d.iter()
                .filter(|p| p.kind != skip)
                .map(|p| p.text.as_str())
                .collect::<String>()
        };
        assert_eq!(side(Kind::Added), before);
        assert_eq!(side(Kind::Removed), after);
    }

    #[test]
    fn long_unchanged_stretches_are_shortened_around_the_change() {
        let before = "un deux trois quatre cinq six sept huit neuf dix onze douze";
        let after = "un deux trois quatre cinq six SEPT huit neuf dix onze douze";
        let d = compact(diff(before, after), 2);
        assert_eq!(show(&d), "…cinq six [-sept-]{+SEPT+} huit neuf…");
    }

    #[test]
    fn a_huge_middle_reads_as_replaced_without_quadratic_work() {
        let before = (0..1_000)
            .map(|i| format!("a{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let after = (0..1_000)
            .map(|i| format!("b{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let d = diff(&before, &after);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].kind, Kind::Removed);
        assert_eq!(d[1].kind, Kind::Added);
    }
}
