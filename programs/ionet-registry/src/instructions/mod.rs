//! One instruction per file: its accounts, its args and its handler.

pub mod config_init;

pub use config_init::*;
