//! Back-off between retries: exponential, capped, with jitter so that many clients hit by one outage don't
//! come back in lockstep.

use std::time::Duration;

/// The wait before retry number `retry` (0 for the first retry): `base * 2^retry` capped at `max`, then
/// "equal jitter" (half fixed, half random), so the wait is never less than half the nominal one.
pub(crate) fn backoff(base: Duration, max: Duration, retry: u32) -> Duration {
    let nominal = base.saturating_mul(1u32 << retry.min(20)).min(max);
    let half = nominal / 2;
    half + half.mul_f64(fastrand::f64())
}

/// A `Retry-After` header in seconds (the HTTP-date form is rare from registries and is ignored), capped.
pub(crate) fn retry_after(value: Option<&str>, max: Duration) -> Option<Duration> {
    let secs: u64 = value?.trim().parse().ok()?;
    Some(Duration::from_secs(secs).min(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_and_caps() {
        let base = Duration::from_millis(100);
        let max = Duration::from_millis(1000);
        for retry in 0..10 {
            let nominal = (base * (1 << retry)).min(max);
            let w = backoff(base, max, retry);
            assert!(w >= nominal / 2 && w <= nominal, "retry {retry}: {w:?}");
        }
        assert_eq!(retry_after(Some(" 7 "), max), Some(max));
        assert_eq!(retry_after(Some("0"), max), Some(Duration::ZERO));
        assert_eq!(retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT"), max), None);
    }
}
