//! Who made a change: a member, or one of the relay's own jobs (round-robin now; flows,
//! campaigns and the API later). Stored as one string, as `by` always was: a member's
//! username, or `@` and the job's name, which no username can be (usernames have no `@`), so
//! events written before this type read unchanged.

use crate::AgentId;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Actor {
    Member(AgentId),
    /// Round-robin gave a new chat to the next online member of its team.
    RoundRobin,
    /// A job of a newer relay than this build knows, by its name (without the `@`).
    OtherJob(String),
}

impl Actor {
    const ROUND_ROBIN: &'static str = "round-robin";

    /// The member, when a member acted.
    pub fn member(&self) -> Option<&AgentId> {
        match self {
            Self::Member(agent) => Some(agent),
            Self::RoundRobin | Self::OtherJob(_) => None,
        }
    }

    fn parse(value: &str) -> Self {
        match value.strip_prefix('@') {
            None => Self::Member(AgentId::new(value)),
            Some(Self::ROUND_ROBIN) => Self::RoundRobin,
            Some(job) => Self::OtherJob(job.to_owned()),
        }
    }
}

impl From<AgentId> for Actor {
    fn from(agent: AgentId) -> Self {
        Self::Member(agent)
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Member(agent) => f.write_str(agent.as_str()),
            Self::RoundRobin => write!(f, "@{}", Self::ROUND_ROBIN),
            Self::OtherJob(job) => write!(f, "@{job}"),
        }
    }
}

impl Serialize for Actor {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Actor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Ok(Self::parse(&value))
    }
}

#[cfg(test)]
mod tests {
    use super::Actor;
    use crate::AgentId;

    #[test]
    fn an_actor_is_written_as_by_always_was_and_reads_back() {
        for (actor, json) in [
            (Actor::Member(AgentId::new("ana")), "\"ana\""),
            (Actor::RoundRobin, "\"@round-robin\""),
            (Actor::OtherJob("flow".into()), "\"@flow\""),
        ] {
            assert_eq!(serde_json::to_string(&actor).expect("write"), json);
            let back: Actor = serde_json::from_str(json).expect("read");
            assert_eq!(back, actor);
        }
        assert_eq!(Actor::RoundRobin.member(), None);
        assert!(!crate::access::username_is_valid("@round-robin"));
    }
}
