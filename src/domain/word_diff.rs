//! The words that changed between two texts, for the audit log: a long text
//! edited in one place shows that place, not two cut-off copies that look
//! the same.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Same,
    Removed,
    Added,
}

/// A run of words of one kind, joined by single spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub kind: Kind,
    pub text: String,
}

/// Beyond this many word pairs between the common start and end, the
/// middle is shown as all removed, all added (it is then mostly new text).
const MAX_CELLS: usize = 1_000_000;

/// The word diff of `before` and `after`, with unchanged runs longer than
/// `2 * context` words cut to `context` words on each side of a change.
pub fn diff(before: &str, after: &str, context: usize) -> Vec<Piece> {
    let a: Vec<&str> = before.split_whitespace().collect();
    let b: Vec<&str> = after.split_whitespace().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut words: Vec<(Kind, &str)> = a[..prefix].iter().map(|w| (Kind::Same, *w)).collect();
    words.extend(middle(mid_a, mid_b));
    words.extend(a[a.len() - suffix..].iter().map(|w| (Kind::Same, *w)));
    elide(join(&words), context)
}

/// The longest common subsequence of two word lists, as a walk.
fn middle<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<(Kind, &'a str)> {
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        let removed = a.iter().map(|w| (Kind::Removed, *w));
        return removed.chain(b.iter().map(|w| (Kind::Added, *w))).collect();
    }
    // lengths[i][j]: the LCS of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut lengths = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i * width + j] = if a[i] == b[j] {
                lengths[(i + 1) * width + j + 1] + 1
            } else {
                lengths[(i + 1) * width + j].max(lengths[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j, mut walk) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            walk.push((Kind::Same, a[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
            // Removed words first, then the words that replace them.
            walk.push((Kind::Removed, a[i]));
            i += 1;
        } else {
            walk.push((Kind::Added, b[j]));
            j += 1;
        }
    }
    walk
}

fn join(words: &[(Kind, &str)]) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    for (kind, word) in words {
        match pieces.last_mut() {
            Some(last) if last.kind == *kind => {
                last.text.push(' ');
                last.text.push_str(word);
            }
            _ => pieces.push(Piece { kind: *kind, text: (*word).to_owned() }),
        }
    }
    pieces
}

fn elide(pieces: Vec<Piece>, context: usize) -> Vec<Piece> {
    let count = pieces.len();
    pieces
        .into_iter()
        .enumerate()
        .map(|(index, mut piece)| {
            if piece.kind != Kind::Same {
                return piece;
            }
            let words: Vec<&str> = piece.text.split(' ').collect();
            let (first, last) = (index == 0, index + 1 == count);
            let keep_start = if first { 0 } else { context };
            let keep_end = if last { 0 } else { context };
            if words.len() > keep_start + keep_end + 1 && !(first && last) {
                let mut text = words[..keep_start].join(" ");
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push('…');
                if keep_end > 0 {
                    text.push(' ');
                    text.push_str(&words[words.len() - keep_end..].join(" "));
                }
                piece.text = text;
            }
            piece
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(pieces: &[Piece]) -> String {
        let parts: Vec<String> = pieces
            .iter()
            .map(|p| match p.kind {
                Kind::Same => p.text.clone(),
                Kind::Removed => format!("[-{}-]", p.text),
                Kind::Added => format!("{{+{}+}}", p.text),
            })
            .collect();
        parts.join(" ")
    }

    #[test]
    fn shows_the_words_that_changed() {
        assert_eq!(show(&diff("a b c d", "a x c d", 10)), "a [-b-] {+x+} c d");
        assert_eq!(show(&diff("a b c", "a b c d", 10)), "a b c {+d+}");
        assert_eq!(show(&diff("", "ny tekst", 10)), "{+ny tekst+}");
        assert_eq!(show(&diff("gammel tekst", "", 10)), "[-gammel tekst-]");
        assert_eq!(show(&diff("one two three", "one three two", 10)), "one [-two-] three {+two+}");
    }

    #[test]
    fn a_long_text_edited_at_its_end_shows_the_end() {
        let start = "Kommunen skal bruke digitale verktøy for å gi innbyggerne bedre tjenester og ";
        let before = format!("{start}mer medvirkning.");
        let after = format!("{start}mer åpenhet.");
        assert_eq!(show(&diff(&before, &after, 3)), "… tjenester og mer [-medvirkning.-] {+åpenhet.+}");
    }

    #[test]
    fn unchanged_middles_are_cut_to_their_context() {
        let diff = diff("x 1 2 3 4 5 6 7 8 y", "z 1 2 3 4 5 6 7 8 w", 2);
        assert_eq!(show(&diff), "[-x-] {+z+} 1 2 … 7 8 [-y-] {+w+}");
    }

    #[test]
    fn equal_texts_have_no_change() {
        assert!(diff("samme tekst", "samme  tekst", 3).iter().all(|p| p.kind == Kind::Same));
    }
}
