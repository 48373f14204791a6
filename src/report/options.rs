//! Choices that shape the reports: CSV dialect, workbook language, the run date and the robustness checks.

use crate::stability::StabilityConfig;

use super::csv::Dialect;

/// Language of the reports (Markdown, HTML, charts, workbook); CSV headers do not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Dutch (the default: the scorecards speak Dutch).
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The Dutch or the English text.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        self.pick2(nl, en)
    }

    /// The Dutch or the English value, of any type.
    pub fn pick2<T>(self, nl: T, en: T) -> T {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

/// A calendar date (UTC), the only timestamp a report may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunDate {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to 31.
    pub day: u8,
}

impl RunDate {
    /// The UTC date of a Unix time in seconds (Howard Hinnant's `civil_from_days`).
    pub fn from_unix(secs: u64) -> RunDate {
        let z = (secs / 86_400) as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        RunDate { year, month, day }
    }

    /// `2026-03-11`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Everything `report::write_with` needs besides the run.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Dialect of `scores.csv` and `passages.csv`.
    pub csv_dialect: Dialect,
    /// Language of the Markdown, HTML, charts and workbook.
    pub lang: Lang,
    /// Date of the run for the workbook's method sheet; `None` leaves it out (byte-identical reruns).
    pub run_date: Option<RunDate>,
    /// Settings of the ranking's robustness checks.
    pub stability: StabilityConfig,
    /// A hand-coded check from `caleido agree`: adds a "Validatie" section.
    pub validation: Option<crate::validate::Agreement>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_times_become_utc_dates() {
        assert_eq!(RunDate::from_unix(0).iso(), "1970-01-01");
        assert_eq!(RunDate::from_unix(951_782_400).iso(), "2000-02-29");
        assert_eq!(RunDate::from_unix(1_773_273_599).iso(), "2026-03-11");
        assert_eq!(RunDate::from_unix(1_773_273_600).iso(), "2026-03-12");
    }
}
