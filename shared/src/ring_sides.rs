//! Whether the sides of a polygon's rings cross or overlap: a Shamos–Hoey sweep, which finds
//! whether any two of n sides meet in O(n log n) comparisons — where checking every pair costs
//! n², and a sweep that checks every pair overlapping across (geo's `Intersections`) costs n²
//! too on a comb of long parallel fingers. Sides that may meet (neighbours at their shared
//! corner, two rings touching at one point) are told apart by [`Side`]'s place in its ring.

use geo::kernels::{Kernel, Orientation, RobustKernel};
use geo::line_intersection::{LineIntersection, line_intersection};
use geo::{Coord, Line};
use std::cmp::Ordering;

/// A side of a ring, with where it sits: ring, place in the ring and the ring's number of sides.
#[derive(Clone, Copy, Debug)]
pub struct Side {
    /// The ring (0 the outer boundary, then the holes).
    pub ring: usize,
    /// Its place in the ring.
    pub index: usize,
    /// How many sides the ring has.
    pub sides_in_ring: usize,
    /// The side.
    pub line: Line<f64>,
}

/// Whether two sides may meet where they do: neighbouring sides of a ring at their shared
/// corner, or sides of two rings touching at one point (a hole touching the outer boundary at a
/// corner is valid); never a crossing, an overlap, or a ring touching itself elsewhere.
fn may_meet(a: &Side, b: &Side, meeting: &LineIntersection<f64>) -> bool {
    match meeting {
        LineIntersection::SinglePoint { is_proper, .. } => {
            if *is_proper {
                return false;
            }
            if a.ring != b.ring {
                return true;
            }
            let n = a.sides_in_ring;
            (a.index + 1) % n == b.index || (b.index + 1) % n == a.index
        }
        LineIntersection::Collinear { .. } => false,
    }
}

/// Whether two sides meet where they may not.
fn clash(a: &Side, b: &Side) -> bool {
    line_intersection(a.line, b.line).is_some_and(|meeting| !may_meet(a, b, &meeting))
}

/// The sweep runs along a direction no side of real data follows (about 3.4° off the
/// meridians), so that no side stands across the sweep line: sides along a meridian, common in
/// boundaries drawn on a grid, would otherwise share one position on it. Only the order of the
/// events is taken from the turned points; every comparison uses the points as given.
fn turned(c: Coord<f64>) -> (f64, f64) {
    const COS: f64 = 0.998_237_683_743_564_6;
    const SIN: f64 = 0.059_341_194_567_807_2;
    (c.x * COS - c.y * SIN, c.x * SIN + c.y * COS)
}

fn before(p: Coord<f64>, q: Coord<f64>) -> Ordering {
    turned(p).partial_cmp(&turned(q)).unwrap_or(Ordering::Equal)
}

/// A side with its ends in sweep order.
#[derive(Clone, Copy)]
struct Swept {
    left: Coord<f64>,
    right: Coord<f64>,
}

impl Swept {
    fn of(line: Line<f64>) -> Swept {
        if before(line.end, line.start).is_lt() {
            Swept {
                left: line.end,
                right: line.start,
            }
        } else {
            Swept {
                left: line.start,
                right: line.end,
            }
        }
    }

    /// Which side of it a point lies on, exactly (geo's robust predicate): above (to the left
    /// going along the sweep) is `Greater`.
    fn side_of(&self, point: Coord<f64>) -> Ordering {
        match RobustKernel::orient2d(self.left, self.right, point) {
            Orientation::CounterClockwise => Ordering::Greater,
            Orientation::Clockwise => Ordering::Less,
            Orientation::Collinear => Ordering::Equal,
        }
    }
}

/// Where side `s` lies against side `t` on the sweep line at `s`'s end `at` (its left end when
/// it joins, its right end when it leaves): by where `at` lies against `t`, then, when `at` is
/// on `t`, by where `s`'s other end lies (to the right when it joins, to the left when it
/// leaves), then by their numbers. Exact, so a corner lying on another side is never placed by
/// rounding.
fn place_of(s: (usize, &Swept), t: (usize, &Swept), joining: bool) -> Ordering {
    let (at, other) = if joining {
        (s.1.left, s.1.right)
    } else {
        (s.1.right, s.1.left)
    };
    let side = t.1.side_of(at);
    if side.is_ne() {
        return side;
    }
    let along = t.1.side_of(other);
    if along.is_ne() {
        return if joining { along } else { along.reverse() };
    }
    s.0.cmp(&t.0)
}

/// Whether any two of the sides meet where they may not (see [`may_meet`]).
pub fn any_clash(sides: &[Side]) -> bool {
    let swept: Vec<Swept> = sides.iter().map(|s| Swept::of(s.line)).collect();
    // Events: every side starts at its left end and ends at its right end.
    let mut events: Vec<(Coord<f64>, bool, usize)> = Vec::with_capacity(sides.len() * 2);
    for (i, s) in swept.iter().enumerate() {
        events.push((s.left, true, i));
        events.push((s.right, false, i));
    }
    events.sort_by(|a, b| before(a.0, b.0));
    let mut line: Vec<usize> = Vec::new();
    let mut first = 0;
    while first < events.len() {
        let at = events[first].0;
        let last = first + events[first..].iter().take_while(|e| e.0 == at).count();
        let here = &events[first..last];
        first = last;
        // A ring with more than two sides ending here passes here twice: it touches itself.
        let mut rings: Vec<(usize, usize)> = Vec::new();
        for &(_, _, i) in here {
            match rings.iter_mut().find(|(r, _)| *r == sides[i].ring) {
                Some((_, count)) => *count += 1,
                None => rings.push((sides[i].ring, 1)),
            }
        }
        if rings.iter().any(|(_, count)| *count > 2) {
            return true;
        }
        // The sides ending here leave the line first, their neighbours then compared...
        for &(_, _, i) in here.iter().filter(|e| !e.1) {
            // Its place by the order where it ends; else (sides converging here tie) by a look.
            let place = line
                .binary_search_by(|&j| place_of((i, &swept[i]), (j, &swept[j]), false).reverse())
                .ok()
                .or_else(|| line.iter().position(|&j| j == i));
            let Some(place) = place else { continue };
            line.remove(place);
            if place > 0
                && place < line.len()
                && clash(&sides[line[place - 1]], &sides[line[place]])
            {
                return true;
            }
        }
        // ...then the sides starting here join it, each compared with its neighbours.
        for &(_, _, i) in here.iter().filter(|e| e.1) {
            let place = line
                .binary_search_by(|&j| place_of((i, &swept[i]), (j, &swept[j]), true).reverse())
                .unwrap_or_else(|p| p);
            line.insert(place, i);
            if place > 0 && clash(&sides[line[place - 1]], &sides[i]) {
                return true;
            }
            if place + 1 < line.len() && clash(&sides[i], &sides[line[place + 1]]) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sides(rings: &[&[(f64, f64)]]) -> Vec<Side> {
        let mut out = Vec::new();
        for (r, ring) in rings.iter().enumerate() {
            let lines: Vec<Line<f64>> = ring
                .windows(2)
                .map(|w| Line::new(Coord::from(w[0]), Coord::from(w[1])))
                .filter(|l| l.start != l.end)
                .collect();
            let n = lines.len();
            out.extend(lines.into_iter().enumerate().map(|(index, line)| Side {
                ring: r,
                index,
                sides_in_ring: n,
                line,
            }));
        }
        out
    }

    fn brute_force(sides: &[Side]) -> bool {
        (0..sides.len()).any(|i| (i + 1..sides.len()).any(|j| clash(&sides[i], &sides[j])))
    }

    #[test]
    fn a_square_and_a_hole_touching_it_at_a_corner_are_fine_and_a_bow_tie_is_not() {
        let square: &[(f64, f64)] = &[(0., 0.), (4., 0.), (4., 4.), (0., 4.), (0., 0.)];
        assert!(!any_clash(&sides(&[square])));
        let hole: &[(f64, f64)] = &[(0., 0.), (1., 2.), (2., 1.), (0., 0.)];
        assert!(!any_clash(&sides(&[square, hole])));
        let bow_tie: &[(f64, f64)] = &[(0., 0.), (1., 1.), (1., 0.), (0., 1.), (0., 0.)];
        assert!(any_clash(&sides(&[bow_tie])));
        let spike: &[(f64, f64)] = &[(0., 0.), (2., 0.), (1., 0.), (1., 1.), (0., 0.)];
        assert!(any_clash(&sides(&[spike])));
        let figure_eight: &[(f64, f64)] = &[
            (0., 0.),
            (1., 1.),
            (2., 0.),
            (2., 2.),
            (1., 1.),
            (0., 2.),
            (0., 0.),
        ];
        assert!(any_clash(&sides(&[figure_eight])));
    }

    /// A small deterministic generator (xorshift), so the test needs no crate.
    struct Dice(u64);

    impl Dice {
        fn roll(&mut self, sides: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % sides
        }
    }

    #[test]
    fn the_sweep_agrees_with_checking_every_pair_on_thousands_of_random_rings() {
        let mut dice = Dice(0x5EED_CAFE_F00D);
        let (mut clashing, mut clean) = (0, 0);
        for _ in 0..20_000 {
            // Corners on a small grid: many shared points, collinear and vertical sides.
            let corners = 3 + dice.roll(6) as usize;
            let grid = 2 + dice.roll(5);
            let mut ring: Vec<(f64, f64)> = (0..corners)
                .map(|_| (dice.roll(grid) as f64, dice.roll(grid) as f64))
                .collect();
            ring.push(ring[0]);
            let mut rings = vec![ring];
            if dice.roll(3) == 0 {
                let mut hole: Vec<(f64, f64)> = (0..3)
                    .map(|_| (dice.roll(grid) as f64, dice.roll(grid) as f64))
                    .collect();
                hole.push(hole[0]);
                rings.push(hole);
            }
            let borrowed: Vec<&[(f64, f64)]> = rings.iter().map(Vec::as_slice).collect();
            let all = sides(&borrowed);
            if all.iter().any(|s| s.sides_in_ring < 3) {
                continue;
            }
            let expected = brute_force(&all);
            assert_eq!(any_clash(&all), expected, "{rings:?}");
            if expected {
                clashing += 1;
            } else {
                clean += 1;
            }
        }
        assert!(clashing > 1_000 && clean > 1_000, "{clashing} {clean}");
    }

    #[test]
    fn a_comb_of_long_fingers_is_checked_in_a_blink() {
        let (long, spine, step) = (2.0, 0.1, 0.0002);
        let mut ring = vec![(0.0, 0.0)];
        for f in 0..2_400 {
            let y = f64::from(f) * 2.0 * step;
            ring.extend([
                (long, y),
                (long, y + step),
                (spine, y + step),
                (spine, y + 2.0 * step),
            ]);
        }
        ring.extend([(0.0, 2_400.0 * 2.0 * step), (0.0, 0.0)]);
        let all = sides(&[&ring]);
        let started = std::time::Instant::now();
        assert!(!any_clash(&all));
        assert!(
            started.elapsed().as_millis() < 1_000,
            "{:?}",
            started.elapsed()
        );
    }
}
