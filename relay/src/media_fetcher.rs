//! Fetches customers' files in the background as their messages arrive, before Meta's
//! links expire, and evicts what passes the retention period or the disk quota.
//!
//! The task follows the log by its own cursor (kept in `media_cursor`), not by the live
//! feed alone: the feed only wakes it, so a burst it lags behind, or events logged while the
//! relay was down, are caught up on from the cursor. Each attempt is recorded before it is
//! made; failures are retried with [backoff](switchboard_domain::media::retry_delay_seconds)
//! and the final failure is recorded with its cause.

use crate::{
    config::{Config, MediaConfig, Provider},
    media_files::{MediaFiles, MediaFilesError},
    store::EventLog,
    whatsapp::media::{MediaError, valid_media_id},
};
use std::{sync::Arc, time::Duration};
use switchboard_domain::{Event, MessageBody, Seq, Timestamp, media};
use tokio::sync::watch;

/// How many events one catch-up read takes.
const PAGE: u32 = 500;
/// How often the eviction rule runs when nothing else wakes the task.
const IDLE: Duration = Duration::from_secs(60 * 60);

pub fn start(
    files: Arc<MediaFiles>,
    log: Arc<EventLog>,
    config: Arc<Config>,
    mut stopped: watch::Receiver<bool>,
) {
    let mut live = log.subscribe();
    tokio::spawn(async move {
        loop {
            if let Err(error) = catch_up(&files, &log, &config).await {
                tracing::error!(%error, "media fetcher could not read the log");
            }
            if let Err(error) = fetch_due(&files, &config, config.clock.now()).await {
                tracing::error!(%error, "media fetcher could not record a download");
            }
            if let Err(error) = evict(&files, config.media, config.clock.now()).await {
                tracing::error!(%error, "media eviction failed");
            }
            let wait = match files.next_due().await {
                Ok(Some(due)) => {
                    let millis = due.saturating_sub(config.clock.now().millis()).max(0);
                    Duration::from_millis(u64::try_from(millis).unwrap_or(0)).min(IDLE)
                }
                _ => IDLE,
            };
            tokio::select! {
                // Any news (or a lag, or a closed feed) means: read from the cursor again.
                received = live.recv() => {
                    if matches!(received, Err(tokio::sync::broadcast::error::RecvError::Closed)) {
                        return;
                    }
                }
                () = tokio::time::sleep(wait) => {}
                _ = stopped.changed() => return,
            }
        }
    });
}

/// Records the files of every message logged since the cursor.
pub async fn catch_up(
    files: &Arc<MediaFiles>,
    log: &Arc<EventLog>,
    config: &Config,
) -> Result<(), MediaFilesError> {
    let mut cursor = files.cursor().await?;
    loop {
        let records = match log.since(cursor, PAGE).await {
            Ok(records) => records,
            Err(error) => {
                tracing::error!(%error, "media fetcher could not read the log");
                return Ok(());
            }
        };
        let Some(last) = records.last().map(|r| r.seq) else {
            return Ok(());
        };
        let found = records
            .iter()
            .filter_map(|record| {
                let Event::MessageReceived {
                    line,
                    body: MessageBody::Media(file),
                    ..
                } = &record.event
                else {
                    return None;
                };
                let meta_line = config
                    .lines
                    .iter()
                    .any(|l| l.id == *line && l.provider == Provider::Meta);
                (meta_line && valid_media_id(&file.id))
                    .then(|| (line.as_str().to_owned(), file.id.clone(), record.at))
            })
            .collect();
        files.note_received(found, last).await?;
        if records.len() < PAGE as usize {
            return Ok(());
        }
        cursor = Seq(last.0);
    }
}

/// Downloads every file whose attempt is due at `now`.
pub async fn fetch_due(
    files: &Arc<MediaFiles>,
    config: &Config,
    now: Timestamp,
) -> Result<(), MediaFilesError> {
    for due in files.due(now).await? {
        let Some(line) = config.lines.iter().find(|l| l.id.as_str() == due.line) else {
            files
                .attempt_failed(
                    &due.line,
                    &due.media_id,
                    "the line is no longer configured".into(),
                    true,
                )
                .await?;
            continue;
        };
        // Already on disk (opened by an agent, or cached before the record existed).
        if let Some((_, stored)) = files.cached(&due.line, &due.media_id).await {
            files
                .fetched(&due.line, &due.media_id, &stored, now)
                .await?;
            continue;
        }
        let attempts = due.attempts + 1;
        // The attempt is recorded first; the next one is due after the backoff unless this
        // one succeeds.
        let next = media::retry_delay_seconds(attempts);
        files
            .attempting(
                &due.line,
                &due.media_id,
                attempts,
                now.plus_seconds(next.unwrap_or(0)),
            )
            .await?;
        match files.download(line, &due.media_id, now).await {
            Ok(_) => {}
            Err(error) => {
                let last = next.is_none() || permanent(&error);
                tracing::warn!(line = due.line, media_id = due.media_id, %error, last, "media fetch failed");
                files
                    .attempt_failed(&due.line, &due.media_id, error.to_string(), last)
                    .await?;
            }
        }
    }
    Ok(())
}

/// Failures that trying again cannot mend.
fn permanent(error: &MediaError) -> bool {
    matches!(error, MediaError::Gone | MediaError::TooLarge { .. })
}

/// Removes what the retention period and the quota no longer allow, recording when and why.
pub async fn evict(
    files: &Arc<MediaFiles>,
    limits: MediaConfig,
    now: Timestamp,
) -> Result<usize, MediaFilesError> {
    let on_disk = files.on_disk().await?;
    let stored: Vec<media::StoredFile> = on_disk
        .iter()
        .map(|r| media::StoredFile {
            fetched_at: Timestamp(r.fetched_at.unwrap_or(r.received_at)),
            size: r.size,
        })
        .collect();
    let evictions = media::evictions(
        &stored,
        now,
        limits.retention_seconds(),
        limits.quota_bytes(),
    );
    for (i, reason) in &evictions {
        let record = &on_disk[*i];
        files
            .evict(&record.line, &record.media_id, *reason, now)
            .await?;
        tracing::info!(
            line = record.line,
            media_id = record.media_id,
            reason = reason.as_str(),
            "media evicted"
        );
    }
    Ok(evictions.len())
}
