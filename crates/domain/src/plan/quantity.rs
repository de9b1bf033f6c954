//! Quantities in hundredths of a unit, and progress of delivered against planned.

use super::*;

/// Parses a quantity typed as a decimal number into hundredths of the unit.
pub fn quantity_centi(
    errors: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: Option<f64>,
    allow_zero: bool,
) -> Option<i64> {
    let Some(v) = value else {
        errors.push(field, format!("{label}: pole jest wymagane"));
        return None;
    };
    if !v.is_finite() || v < 0.0 {
        errors.push(field, format!("{label}: ilość nie może być ujemna"));
        return None;
    }
    let centi = (v * 100.0).round();
    if (v * 100.0 - centi).abs() > 1e-6 {
        errors.push(field, format!("{label}: najwyżej dwa miejsca po przecinku"));
        return None;
    }
    if centi > 100_000.0 * 100.0 {
        errors.push(field, format!("{label}: ilość jest zbyt duża"));
        return None;
    }
    if centi == 0.0 && !allow_zero {
        errors.push(field, format!("{label}: ilość musi być większa od zera"));
        return None;
    }
    Some(centi as i64)
}

/// Hundredths back to a number for display and JSON.
pub fn centi_to_f64(centi: i64) -> f64 {
    centi as f64 / 100.0
}

/// "1,5" / "10": a quantity as a Polish decimal.
pub fn format_quantity(centi: i64) -> String {
    if centi % 100 == 0 {
        (centi / 100).to_string()
    } else if centi % 10 == 0 {
        format!("{},{}", centi / 100, (centi % 100) / 10)
    } else {
        format!("{},{:02}", centi / 100, centi % 100)
    }
}

/// Delivered against planned, in the service's unit. Only attended deliveries count.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    pub planned: f64,
    pub delivered: f64,
    /// Delivered as a percentage of planned, capped at 100 (over-delivery shows in `delivered`).
    pub percent: u32,
}

impl Progress {
    pub fn of(planned_centi: i64, delivered_centi: i64) -> Progress {
        let planned_centi = planned_centi.max(0);
        let delivered_centi = delivered_centi.max(0);
        let percent = if planned_centi == 0 {
            0
        } else {
            ((delivered_centi.min(planned_centi) * 100) / planned_centi) as u32
        };
        Progress {
            planned: centi_to_f64(planned_centi),
            delivered: centi_to_f64(delivered_centi),
            percent,
        }
    }

    /// A goal's progress: the mean of its services' percentages (units differ, so quantities
    /// are not added across services). Planned and delivered count services, done and all.
    pub fn of_goal(services: &[Progress]) -> Progress {
        if services.is_empty() {
            return Progress {
                planned: 0.0,
                delivered: 0.0,
                percent: 0,
            };
        }
        let sum: u32 = services.iter().map(|p| p.percent).sum();
        let done = services.iter().filter(|p| p.percent >= 100).count();
        Progress {
            planned: services.len() as f64,
            delivered: done as f64,
            percent: sum / services.len() as u32,
        }
    }
}
