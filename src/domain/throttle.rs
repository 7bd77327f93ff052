//! Login throttling: which attempts get a password check, decided from
//! three counters read (and locked) in the transaction that records the
//! attempt. Guessing is slowed per account and address pair, capped per
//! address, and slowed account-wide only far above what one user mistypes,
//! so a stranger cannot lock the owner out.

use chrono::{Duration, NaiveDateTime};

/// How long a pair that has once signed in counts as known: exempt from the
/// account-wide slow-down.
pub const KNOWN_FOR_DAYS: i64 = 30;
/// The first wait after a pair's free failures; it doubles with each
/// further failure, up to the window.
pub const FIRST_DELAY_SECONDS: i64 = 30;
/// The pause between checks on an account past its account-wide limit.
pub const ACCOUNT_PAUSE_SECONDS: i64 = 60;

#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Failures an account and address pair may have before it must wait.
    pub pair_free_failures: u32,
    /// Failures from one address, across accounts, before it is refused
    /// until its failures are a window old.
    pub address_max_failures: u32,
    /// Failures on one account, from all addresses, before checks on it
    /// from unknown pairs are paced.
    pub account_max_failures: u32,
    /// A counter is forgotten once it has been this long without failures
    /// and without a wait.
    pub window: Duration,
}

/// One subject's state, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counter {
    pub failures: u32,
    pub last_failure_at: Option<NaiveDateTime>,
    pub blocked_until: Option<NaiveDateTime>,
    pub last_success_at: Option<NaiveDateTime>,
}

/// The three subjects of one attempt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counters {
    pub pair: Counter,
    pub address: Counter,
    pub account: Counter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Check the password; store these counters first. They count the
    /// attempt as failed until a success says otherwise, so concurrent
    /// attempts see it at once.
    Check(Counters),
    /// No check before this time; nothing changes (waiting attempts do not
    /// lengthen the wait).
    Refuse { until: NaiveDateTime },
}

/// The storage keys of one attempt's subjects. `account` is a hash of the
/// e-mail as typed (so unknown accounts are throttled alike); `address` the
/// client's, IPv6 by its /64 (one host's usual share).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subjects {
    pub pair: String,
    pub address: String,
    pub account: String,
}

impl Subjects {
    pub fn new(account: &str, address: Option<std::net::IpAddr>) -> Self {
        let address = match address {
            Some(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
            Some(std::net::IpAddr::V6(v6)) => v6.to_ipv4_mapped().map_or_else(String::new, |v4| v4.to_string()),
            Some(v4) => v4.to_string(),
            None => "unknown".to_owned(),
        };
        Self {
            pair: format!("pair:{account}:{address}"),
            address: format!("address:{address}"),
            account: format!("account:{account}"),
        }
    }

    /// In the one order every transaction locks them, so two never wait on
    /// each other in a circle.
    pub fn sorted(&self) -> [&str; 3] {
        let mut all = [self.pair.as_str(), self.address.as_str(), self.account.as_str()];
        all.sort_unstable();
        all
    }
}

impl Counter {
    /// The failures that still count at `now`.
    fn current(&self, now: NaiveDateTime, window: Duration) -> u32 {
        let quiet_since = self.last_failure_at.max(self.blocked_until);
        match quiet_since {
            Some(at) if now < at + window => self.failures,
            _ => 0,
        }
    }

    fn blocked_at(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        self.blocked_until.filter(|until| *until > now)
    }

    fn fail(&mut self, now: NaiveDateTime, window: Duration) {
        self.failures = self.current(now, window).saturating_add(1);
        self.last_failure_at = Some(now);
    }

    fn known(&self, now: NaiveDateTime) -> bool {
        self.last_success_at.is_some_and(|at| now - at < Duration::days(KNOWN_FOR_DAYS))
    }
}

/// The wait after a pair's `failures`-th failure: none within the free
/// ones, then 30 s, 1 min, 2 min, … up to the window.
pub fn pair_delay(policy: &Policy, failures: u32) -> Option<Duration> {
    let beyond = failures.checked_sub(policy.pair_free_failures)?;
    let doubled = FIRST_DELAY_SECONDS.saturating_mul(1_i64 << beyond.min(20));
    Some(Duration::seconds(doubled).min(policy.window))
}

pub fn decide(policy: &Policy, counters: &Counters, now: NaiveDateTime) -> Decision {
    let Counters { pair, address, account } = counters;
    if let Some(until) = pair.blocked_at(now) {
        return Decision::Refuse { until };
    }
    if address.current(now, policy.window) >= policy.address_max_failures {
        let until = address.last_failure_at.map_or(now, |at| at + policy.window);
        return Decision::Refuse { until };
    }
    let account_over = account.current(now, policy.window) >= policy.account_max_failures;
    if account_over && !pair.known(now) {
        if let Some(until) = account.blocked_at(now) {
            return Decision::Refuse { until };
        }
    }
    let mut next = counters.clone();
    next.pair.fail(now, policy.window);
    next.pair.blocked_until = pair_delay(policy, next.pair.failures).map(|delay| now + delay).or(pair.blocked_until);
    next.address.fail(now, policy.window);
    next.account.fail(now, policy.window);
    if next.account.failures >= policy.account_max_failures {
        next.account.blocked_until = Some(now + Duration::seconds(ACCOUNT_PAUSE_SECONDS));
    }
    Decision::Check(next)
}

/// The counters after a right password, from those read now: the pair's
/// failures are forgiven and it becomes known; the attempt no longer counts
/// against the address and the account.
pub fn succeeded(counters: &Counters, now: NaiveDateTime) -> Counters {
    let mut next = counters.clone();
    next.pair = Counter { last_success_at: Some(now), ..Counter::default() };
    next.address.failures = next.address.failures.saturating_sub(1);
    next.account.failures = next.account.failures.saturating_sub(1);
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: Policy = Policy {
        pair_free_failures: 5,
        address_max_failures: 50,
        account_max_failures: 100,
        window: Duration::minutes(15),
    };

    fn at(seconds: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000 + seconds, 0).expect("time").naive_utc()
    }

    /// Runs attempts in order, all failing; returns how many were checked.
    fn guess(counters: &mut Counters, attempts: usize, now: NaiveDateTime) -> usize {
        let mut checked = 0;
        for _ in 0..attempts {
            if let Decision::Check(next) = decide(&POLICY, counters, now) {
                *counters = next;
                checked += 1;
            }
        }
        checked
    }

    #[test]
    fn a_pair_gets_its_free_failures_then_waits_longer_each_time() {
        let mut counters = Counters::default();
        assert_eq!(guess(&mut counters, 100, at(0)), 5, "a burst gets the free failures only");
        assert_eq!(counters.pair.blocked_until, Some(at(30)));
        assert_eq!(guess(&mut counters, 10, at(29)), 0, "waiting attempts are refused");
        assert_eq!(counters.pair.blocked_until, Some(at(30)), "and do not lengthen the wait");
        assert_eq!(guess(&mut counters, 10, at(30)), 1);
        assert_eq!(counters.pair.blocked_until, Some(at(90)), "then a minute");
        assert_eq!(guess(&mut counters, 10, at(90)), 1);
        assert_eq!(counters.pair.blocked_until, Some(at(210)), "then two");
        assert_eq!(pair_delay(&POLICY, 40), Some(Duration::minutes(15)), "never more than the window");
    }

    #[test]
    fn the_owner_from_elsewhere_is_not_locked_out_by_a_stranger() {
        let mut stranger = Counters::default();
        guess(&mut stranger, 100, at(0));
        let owner = Counters { account: stranger.account.clone(), ..Counters::default() };
        assert!(matches!(decide(&POLICY, &owner, at(1)), Decision::Check(_)));
    }

    #[test]
    fn an_address_is_capped_across_accounts_until_its_failures_are_old() {
        let mut address = Counter::default();
        for account in 0..60 {
            let counters = Counters { address: address.clone(), ..Counters::default() };
            match decide(&POLICY, &counters, at(account)) {
                Decision::Check(next) => address = next.address,
                Decision::Refuse { until } => {
                    assert_eq!(account, 50, "the 51st account is refused");
                    assert_eq!(until, at(49) + POLICY.window);
                    break;
                }
            }
        }
        let later = Counters { address, ..Counters::default() };
        assert!(matches!(decide(&POLICY, &later, at(49) + POLICY.window), Decision::Check(_)));
    }

    #[test]
    fn past_the_account_limit_unknown_pairs_are_paced_and_known_ones_are_not() {
        let account = Counter { failures: 100, last_failure_at: Some(at(0)), ..Counter::default() };
        let fresh = Counters { account: account.clone(), ..Counters::default() };
        let Decision::Check(after) = decide(&POLICY, &fresh, at(1)) else { panic!("the first is checked") };
        assert_eq!(after.account.blocked_until, Some(at(61)), "a short pause, not a lockout");
        let next = Counters { account: after.account.clone(), ..Counters::default() };
        assert_eq!(decide(&POLICY, &next, at(2)), Decision::Refuse { until: at(61) });
        assert!(matches!(decide(&POLICY, &next, at(61)), Decision::Check(_)));
        let known = Counters {
            pair: Counter { last_success_at: Some(at(-86_400)), ..Counter::default() },
            account: after.account,
            ..Counters::default()
        };
        assert!(matches!(decide(&POLICY, &known, at(2)), Decision::Check(_)), "a known pair goes through");
    }

    #[test]
    fn success_forgives_the_pair_and_uncounts_the_attempt() {
        let mut counters = Counters::default();
        guess(&mut counters, 4, at(0));
        let after = succeeded(&counters, at(1));
        assert_eq!(after.pair, Counter { last_success_at: Some(at(1)), ..Counter::default() });
        assert_eq!((after.address.failures, after.account.failures), (3, 3));
    }

    #[test]
    fn counters_are_forgotten_after_a_quiet_window() {
        let mut counters = Counters::default();
        guess(&mut counters, 5, at(0));
        assert_eq!(counters.pair.current(at(30) + POLICY.window - Duration::seconds(1), POLICY.window), 5);
        assert_eq!(counters.pair.current(at(30) + POLICY.window, POLICY.window), 0);
    }

    #[test]
    fn subjects_group_ipv6_by_64_and_sort() {
        let v6 = Subjects::new("h", Some("2001:db8:1:2:3:4:5:6".parse().expect("ip")));
        assert_eq!(v6.address, "address:2001:db8:1:2::/64");
        let mapped = Subjects::new("h", Some("::ffff:192.0.2.1".parse().expect("ip")));
        assert_eq!(mapped.address, "address:192.0.2.1");
        assert_eq!(Subjects::new("h", None).pair, "pair:h:unknown");
        assert_eq!(v6.sorted(), ["account:h", "address:2001:db8:1:2::/64", "pair:h:2001:db8:1:2::/64"]);
    }
}
