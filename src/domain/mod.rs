//! Plain types and rules of the domain. No I/O: nothing here touches the
//! database, the network or the clock.

pub mod role;
pub mod stage;
