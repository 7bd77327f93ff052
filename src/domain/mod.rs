//! Plain types and rules of the domain. No I/O: nothing here touches the
//! database, the network or the clock.

pub mod document;
pub mod email;
pub mod filetype;
pub mod lifecycle;
pub mod oslo;
pub mod password;
pub mod plan;
pub mod planned;
pub mod role;
pub mod stage;
pub mod text;
pub mod throttle;
