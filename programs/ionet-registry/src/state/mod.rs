//! Account types, one file each.

pub mod config;
pub mod hardware;
pub mod node;
pub mod params;
pub mod slash;

pub use config::*;
pub use hardware::*;
pub use node::*;
pub use params::*;
pub use slash::*;
