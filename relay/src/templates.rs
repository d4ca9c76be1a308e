//! Template sync: `GET /{waba-id}/message_templates` for each Meta line, stored as a
//! `TemplatesSynced` event so every app can offer them. Runs at start, on demand, and when a
//! template webhook says something changed. Meta allows 200 management calls an hour per
//! WABA, so a line is not synced again within `MIN_INTERVAL_MS` unless an agent asks.

use crate::{
    clock::Clock,
    config::{LineConfig, Provider},
    store::{EventLog, NewEvent, StoreError},
    whatsapp::graph::{GraphClient, SendError},
};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};
use switchboard_domain::{Event, LineId, Timestamp};

const MIN_INTERVAL_MS: i64 = 30_000;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("Line {0} is not a Meta line with a WABA id, so it has no templates to sync.")]
    NoTemplates(LineId),
    /// Meta refused the list; the text is its advice and details.
    #[error("Meta refused the template list: {0}")]
    Meta(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<SendError> for SyncError {
    fn from(error: SendError) -> Self {
        let failure = error.into_failure();
        Self::Meta(format!("{} ({})", failure.advice, failure.details))
    }
}

#[derive(Clone)]
pub struct TemplateSync {
    log: Arc<EventLog>,
    graph: GraphClient,
    last: Arc<Mutex<HashMap<LineId, Timestamp>>>,
    clock: Clock,
}

impl TemplateSync {
    pub fn new(log: Arc<EventLog>, graph: GraphClient, clock: Clock) -> Self {
        Self {
            log,
            graph,
            last: Arc::default(),
            clock,
        }
    }

    /// Syncs now; returns how many templates the line has.
    pub async fn sync(&self, line: &LineConfig) -> Result<usize, SyncError> {
        if line.provider != Provider::Meta || line.waba_id.is_empty() {
            return Err(SyncError::NoTemplates(line.id.clone()));
        }
        self.last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(line.id.clone(), self.clock.now());
        let templates = self.graph.templates(line).await?;
        let count = templates.len();
        let unchanged = self
            .log
            .read(|s| s.templates.get(&line.id) == Some(&templates));
        if !unchanged {
            let event = Event::TemplatesSynced {
                line: line.id.clone(),
                templates,
            };
            self.log
                .append(vec![NewEvent::new(event)], self.clock.now())
                .await?;
        }
        Ok(count)
    }

    /// Syncs in the background unless the line was synced a moment ago.
    pub fn refresh(&self, line: &LineConfig) {
        let now = self.clock.now();
        let recent = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&line.id)
            .is_some_and(|at| now.millis() - at.millis() < MIN_INTERVAL_MS);
        if recent || line.provider != Provider::Meta || line.waba_id.is_empty() {
            return;
        }
        let (sync, line) = (self.clone(), line.clone());
        tokio::spawn(async move {
            if let Err(error) = sync.sync(&line).await {
                tracing::warn!(line = %line.id, %error, "template sync failed");
            }
        });
    }
}

/// Whether a webhook `field` says a template changed.
pub fn is_template_field(field: &str) -> bool {
    matches!(
        field,
        "message_template_status_update"
            | "message_template_quality_update"
            | "message_template_components_update"
            | "template_category_update"
    )
}
