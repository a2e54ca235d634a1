//! Dates and times, as the interface writes them.
//!
//! The app carries no time-zone data: the caller gives the local offset from
//! UTC **at the moment shown**, as the browser knows it
//! (`new Date(at).getTimezoneOffset()`, negated: the device's
//! `utc_offset_minutes_at(at)`). An event of July is thus shown with July's
//! offset even when read in December, on either side of a clock change. The
//! rest is arithmetic on whole minutes.

use std::fmt;

use super::Locale;

/// A date and time, « 12/03/2026 14:02 » in French, « 2026-03-12 14:02 » in
/// English: `ms` since the epoch, shown `offset_minutes` east of UTC. The
/// offset is the local one at `ms` itself, not today's: they differ by an
/// hour across a clock change.
#[must_use]
pub fn date_time(locale: Locale, ms: i64, offset_minutes: i64) -> String {
    let ((year, month, day), time) = local(ms, offset_minutes);
    match locale {
        Locale::Fr => format!("{day:02}/{month:02}/{year} {time}"),
        Locale::En => format!("{year}-{month:02}-{day:02} {time}"),
    }
}

/// The local date and minute of `ms`, `offset_minutes` east of UTC.
fn local(ms: i64, offset_minutes: i64) -> ((i64, i64, i64), HourMinute) {
    let minutes = ms.div_euclid(60_000) + offset_minutes;
    let (days, minute_of_day) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    let time = HourMinute {
        hour: minute_of_day / 60,
        minute: minute_of_day % 60,
    };
    (civil_from_days(days), time)
}

const MONTHS_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A day and time as a sentence says it, « 7 déc. 2026 à 14:05 » in
/// French, « 7 Dec 2026, 14:05 » in English, with the offset of `ms` itself
/// (as [`date_time`]).
#[must_use]
pub fn day_time(locale: Locale, ms: i64, offset_minutes: i64) -> String {
    let ((year, month, day), time) = local(ms, offset_minutes);
    let index = usize::try_from(month - 1).unwrap_or(0).min(11);
    match locale {
        Locale::Fr => format!("{day} {} {year} à {time}", MONTHS_FR[index]),
        Locale::En => format!("{day} {} {year}, {time}", MONTHS_EN[index]),
    }
}

/// The machine-readable local minute of `ms`, for a `<time datetime>`:
/// « 2026-12-07T14:05+01:00 ».
#[must_use]
pub fn iso_minute(ms: i64, offset_minutes: i64) -> String {
    let ((year, month, day), time) = local(ms, offset_minutes);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let offset = offset_minutes.abs();
    format!(
        "{year:04}-{month:02}-{day:02}T{time}{sign}{:02}:{:02}",
        offset / 60,
        offset % 60
    )
}

/// A time of day, « 09:05 » (two digits each, in both languages).
pub(super) struct HourMinute {
    pub(super) hour: i64,
    pub(super) minute: i64,
}

impl fmt::Display for HourMinute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: i64 = 60_000;
    /// 2026-03-29 01:00 UTC, the last Sunday of March: Paris goes from UTC+1 to UTC+2.
    const SPRING_2026: i64 = 1_774_746_000_000;
    /// 2026-10-25 01:00 UTC, the last Sunday of October: Paris goes back to UTC+1.
    const AUTUMN_2026: i64 = 1_792_890_000_000;

    /// Europe/Paris in 2026, as the browser edge gives it
    /// (`-Date(at).getTimezoneOffset()`): UTC+2 from the last Sunday of
    /// March 01:00 UTC until the last Sunday of October 01:00 UTC, UTC+1
    /// otherwise.
    fn paris_offset_at(at_ms: i64) -> i64 {
        if (SPRING_2026..AUTUMN_2026).contains(&at_ms) {
            120
        } else {
            60
        }
    }

    /// How a device in Paris shows `at`, in both languages.
    fn in_paris(at_ms: i64) -> [String; 2] {
        [Locale::Fr, Locale::En].map(|locale| date_time(locale, at_ms, paris_offset_at(at_ms)))
    }

    #[test]
    fn dates_read_in_both_languages() {
        // 2026-03-12 14:02 UTC
        let ms = 1_773_324_120_000;
        assert_eq!(date_time(Locale::Fr, ms, 0), "12/03/2026 14:02");
        assert_eq!(date_time(Locale::En, ms, 60), "2026-03-12 15:02");
        assert_eq!(date_time(Locale::Fr, 0, 0), "01/01/1970 00:00");
    }

    #[test]
    fn the_clock_changes_of_the_tests_fall_on_the_last_sundays() {
        for (change, shown) in [
            (SPRING_2026, "2026-03-29 01:00"),
            (AUTUMN_2026, "2026-10-25 01:00"),
        ] {
            assert_eq!(date_time(Locale::En, change, 0), shown);
            // 1970-01-01 was a Thursday: day 3 is a Sunday.
            assert_eq!(change.div_euclid(1440 * MINUTE).rem_euclid(7), 3);
            // A week later is another month.
            assert_ne!(
                date_time(Locale::En, change + 7 * 1440 * MINUTE, 0)[5..7],
                shown[5..7]
            );
        }
    }

    #[test]
    fn an_event_shows_the_offset_of_its_own_moment() {
        let july = 1_784_030_400_000; // 2026-07-14 12:00 UTC
        let december = 1_796_644_800_000; // 2026-12-07 12:00 UTC
        assert_eq!(in_paris(july), ["14/07/2026 14:00", "2026-07-14 14:00"]);
        assert_eq!(in_paris(december), ["07/12/2026 13:00", "2026-12-07 13:00"]);
        // Today's offset (read on 2026-12-07) would put the July event an hour early.
        assert_eq!(
            date_time(Locale::Fr, july, paris_offset_at(december)),
            "14/07/2026 13:00"
        );
    }

    #[test]
    fn either_side_of_the_autumn_change() {
        // The day before and the day after: summer time, then winter time.
        assert_eq!(
            in_paris(AUTUMN_2026 - 13 * 60 * MINUTE), // 2026-10-24 12:00 UTC
            ["24/10/2026 14:00", "2026-10-24 14:00"]
        );
        assert_eq!(
            in_paris(AUTUMN_2026 + 35 * 60 * MINUTE), // 2026-10-26 12:00 UTC
            ["26/10/2026 13:00", "2026-10-26 13:00"]
        );
        // The last minute of summer time, then the first of winter time: the
        // clocks go back from 03:00 to 02:00.
        assert_eq!(
            in_paris(AUTUMN_2026 - MINUTE),
            ["25/10/2026 02:59", "2026-10-25 02:59"]
        );
        assert_eq!(
            in_paris(AUTUMN_2026),
            ["25/10/2026 02:00", "2026-10-25 02:00"]
        );
        // So 02:30 happens twice, an hour apart.
        assert_eq!(
            in_paris(AUTUMN_2026 - 30 * MINUTE),
            ["25/10/2026 02:30", "2026-10-25 02:30"]
        );
        assert_eq!(
            in_paris(AUTUMN_2026 + 30 * MINUTE),
            ["25/10/2026 02:30", "2026-10-25 02:30"]
        );
    }

    #[test]
    fn either_side_of_the_spring_change() {
        // The clocks go forward from 02:00 to 03:00: no time shows 02:xx.
        assert_eq!(
            in_paris(SPRING_2026 - MINUTE),
            ["29/03/2026 01:59", "2026-03-29 01:59"]
        );
        assert_eq!(
            in_paris(SPRING_2026),
            ["29/03/2026 03:00", "2026-03-29 03:00"]
        );
    }

    #[test]
    fn an_offset_moves_the_date_across_midnight() {
        // 2026-12-31 23:30 UTC is already the new year in Paris.
        assert_eq!(
            in_paris(1_798_759_800_000),
            ["01/01/2027 00:30", "2027-01-01 00:30"]
        );
        // 2026-01-01 03:00 UTC is still the old one five hours west of UTC.
        assert_eq!(
            date_time(Locale::Fr, 1_767_236_400_000, -300),
            "31/12/2025 22:00"
        );
    }

    #[test]
    fn a_day_and_time_reads_as_a_sentence_with_its_own_offset() {
        // 2026-07-14 10:00 UTC, Paris in summer (UTC+2).
        let july = 1_784_023_200_000;
        assert_eq!(day_time(Locale::Fr, july, 120), "14 juil. 2026 à 12:00");
        assert_eq!(day_time(Locale::En, july, 120), "14 Jul 2026, 12:00");
        assert_eq!(iso_minute(july, 120), "2026-07-14T12:00+02:00");
        assert_eq!(iso_minute(july, -150), "2026-07-14T07:30-02:30");
        assert_eq!(
            day_time(
                Locale::Fr,
                AUTUMN_2026 + 60 * MINUTE,
                paris_offset_at(AUTUMN_2026 + 60 * MINUTE)
            ),
            "25 oct. 2026 à 03:00"
        );
    }
}
