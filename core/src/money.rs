//! Money as integer minor units with a currency code: sums of invoices must
//! add up to the kopeck, which floating point cannot promise.

use serde::{Deserialize, Serialize};

/// An amount of one currency, in its minor units (kopecks, cents).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Money {
    /// The amount in minor units; negative for refunds and credit notes.
    pub minor: i64,
    /// The ISO 4217 code, upper case ("RUB").
    pub currency: String,
}
