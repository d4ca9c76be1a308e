//! The WhatsApp Cloud API adapter: webhook signatures, the webhook parser, the Graph API client.

pub mod graph;
pub mod inbound;
pub mod media;
pub mod signature;
pub mod webhook;
