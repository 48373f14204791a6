//! Line numbers in the margin: concept programmes and drafts for party congresses
//! number every line (`1` ... `60` down the left edge), so that members can cite
//! them in amendments. Left in, the numbers end up inside the quotes
//! ("organiseren 37 van verenigingen") and split hyphenated words ("bedrij 53 ven").
//! They are dropped here, per page, before the fragments become rows.

use super::layout::Frag;

/// Fewest numbers in one aligned column before it counts as line numbering.
const MIN_COLUMN: usize = 5;
/// How far (in points) the edges of the numbers of one column may differ.
const ALIGN: f32 = 2.0;

/// The value of a fragment that is nothing but a number of one to three digits.
fn small_number(f: &Frag) -> Option<u32> {
    let t = f.text.trim();
    (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

/// Whether fragment `a` stands on the same baseline as `b` (within half a line).
fn same_line(a: &Frag, b: &Frag) -> bool {
    (a.y - b.y).abs() < 0.5 * a.size.max(b.size)
}

/// Type smaller than the text it stands beside: line numbers are set in a smaller
/// size than the body; the numbers of a table of contents or a list are not.
const SMALLER: f32 = 0.9;

/// Where the number at `i` stands on its line.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// Alone on its baseline (a numbered empty line).
    Alone,
    /// At the outer edge of its line, in smaller type than the text beside it.
    Margin,
    /// Anywhere else.
    Other,
}

/// Where the number at `i` stands: at the outer edge of its line means left of every
/// other fragment on its baseline (`left`), or right of every one.
fn place(frags: &[Frag], i: usize, left: bool) -> Place {
    let n = &frags[i];
    let mut others = frags.iter().enumerate().filter(|&(j, f)| j != i && same_line(n, f)).map(|(_, f)| f).peekable();
    if others.peek().is_none() {
        return Place::Alone;
    }
    let mut largest: f32 = 0.0;
    for f in others {
        if (left && f.x0 <= n.x1) || (!left && f.x1 >= n.x0) {
            return Place::Other;
        }
        largest = largest.max(f.size);
    }
    if n.size <= SMALLER * largest { Place::Margin } else { Place::Other }
}

/// Indices of the numbers of one column: aligned on their left edges (`by_x0`) or
/// their right edges, each in the margin of its line (`left` or right) or alone on
/// it, at least [`MIN_COLUMN`] of them beside text, counting up from the top of the
/// page down. `places` holds the [`place`] of every number on the `left` or right.
fn column(frags: &[Frag], numbers: &[(usize, u32)], places: &[Place], by_x0: bool) -> Vec<usize> {
    let edge = |f: &Frag| if by_x0 { f.x0 } else { f.x1 };
    let mut best: Vec<usize> = Vec::new();
    for &(seed, _) in numbers {
        let anchor = edge(&frags[seed]);
        let mut margin = 0;
        let mut members: Vec<(usize, u32)> = Vec::new();
        for (&(i, value), &place) in numbers.iter().zip(places) {
            if (edge(&frags[i]) - anchor).abs() > ALIGN {
                continue;
            }
            match place {
                Place::Margin => margin += 1,
                Place::Alone => {}
                Place::Other => continue,
            }
            members.push((i, value));
        }
        // Top of the page first (PDF y grows upwards; the glyph collector turns pages
        // upright, so a larger baseline is lower on the page).
        members.sort_by(|a, b| frags[a.0].y.total_cmp(&frags[b.0].y));
        let counts_up = members.windows(2).all(|w| w[1].1 > w[0].1);
        if margin >= MIN_COLUMN && counts_up && members.len() > best.len() {
            best = members.into_iter().map(|(i, _)| i).collect();
        }
    }
    best
}

/// Drop a column of line numbers from one page's fragments, if it has one.
pub fn drop_line_numbers(frags: &mut Vec<Frag>) {
    let numbers: Vec<(usize, u32)> =
        frags.iter().enumerate().filter_map(|(i, f)| Some((i, small_number(f)?))).collect();
    if numbers.len() < MIN_COLUMN {
        return;
    }
    let mut gone = Vec::new();
    for left in [true, false] {
        // Where each number stands does not depend on the column tried: found once.
        let places: Vec<Place> = numbers.iter().map(|&(i, _)| place(frags, i, left)).collect();
        for by_x0 in [true, false] {
            gone.extend(column(frags, &numbers, &places, by_x0));
        }
    }
    if gone.is_empty() {
        return;
    }
    gone.sort_unstable();
    gone.dedup();
    let mut k = 0;
    frags.retain(|_| {
        let keep = gone.binary_search(&k).is_err();
        k += 1;
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frag(text: &str, x0: f32, x1: f32, y: f32) -> Frag {
        let size = if text.bytes().all(|b| b.is_ascii_digit()) { 7.5 } else { 10.0 };
        Frag { x0, x1, top: y - 8.0, bottom: y + 2.0, y, size, text: text.into(), chars: text.len() }
    }

    /// A page of `n` text lines, each with its line number `first + k` on the left.
    fn numbered_page(first: u32, n: u32) -> Vec<Frag> {
        let mut v = Vec::new();
        for k in 0..n {
            let y = 100.0 + 12.0 * k as f32;
            let num = (first + k).to_string();
            v.push(frag(&num, 30.0 - 5.0 * (num.len() as f32 - 1.0), 35.0, y));
            v.push(frag("tekst van de regel", 60.0, 400.0, y));
        }
        v
    }

    #[test]
    fn a_numbered_left_margin_is_dropped() {
        let mut page = numbered_page(8, 6);
        drop_line_numbers(&mut page);
        assert_eq!(page.len(), 6);
        assert!(page.iter().all(|f| f.text == "tekst van de regel"));
    }

    #[test]
    fn numbers_on_the_right_edge_are_dropped_too() {
        let mut page: Vec<Frag> = (0..6)
            .flat_map(|k| {
                let y = 100.0 + 12.0 * k as f32;
                [frag("tekst", 60.0, 400.0, y), frag(&(k + 1).to_string(), 500.0, 505.0, y)]
            })
            .collect();
        drop_line_numbers(&mut page);
        assert_eq!(page.len(), 6);
    }

    #[test]
    fn numbers_of_one_and_two_digits_on_the_right_are_dropped() {
        // Left-aligned in the right margin, so `9` and `10` end at different x.
        let mut page: Vec<Frag> = (1..=14)
            .flat_map(|k: u32| {
                let y = 100.0 + 12.0 * k as f32;
                let w = if k < 10 { 3.6 } else { 7.2 };
                [frag("tekst", 60.0, 400.0, y), frag(&k.to_string(), 545.7, 545.7 + w, y)]
            })
            .collect();
        drop_line_numbers(&mut page);
        assert_eq!(page.len(), 14);
    }

    #[test]
    fn numbers_in_the_size_of_the_text_stay() {
        // The chapter numbers of a table of contents count up at the left edge too.
        let mut page = numbered_page(1, 8);
        for f in &mut page {
            f.size = 10.0;
        }
        drop_line_numbers(&mut page);
        assert_eq!(page.len(), 16);
    }

    #[test]
    fn numbered_empty_lines_go_with_their_column() {
        let mut page = numbered_page(1, 6);
        page.push(frag("7", 30.0, 35.0, 172.0));
        drop_line_numbers(&mut page);
        assert_eq!(page.len(), 6);
    }

    #[test]
    fn too_few_numbers_stay() {
        let mut page = numbered_page(1, 4);
        drop_line_numbers(&mut page);
        assert_eq!(page.len(), 8);
    }

    #[test]
    fn numbers_that_do_not_count_up_stay() {
        // A column of figures in a table: aligned, at the edge, but not line numbers.
        let mut page = numbered_page(1, 6);
        for (k, v) in ["12", "7", "30", "4", "18", "9"].iter().enumerate() {
            page[2 * k].text = (*v).to_string();
        }
        drop_line_numbers(&mut page);
        assert_eq!(page.len(), 12);
    }

    #[test]
    fn numbers_inside_the_line_stay() {
        // Text on both sides of the number: not in a margin.
        let mut page = numbered_page(1, 6);
        for k in 0..6 {
            let y = 100.0 + 12.0 * k as f32;
            page.push(frag("links", 0.0, 20.0, y));
        }
        drop_line_numbers(&mut page);
        assert_eq!(page.len(), 18);
    }
}
