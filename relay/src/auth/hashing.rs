//! The argon2 pool: every password hash and verification (login, password change, link use,
//! member creation) runs here, at most [`WORKERS`] at once, so a flood of logins uses two
//! blocking threads and their memory, never the threads that session checks and webhooks
//! need. At most [`QUEUE`] more wait their turn; beyond that the answer is at once a 503
//! with Retry-After rather than an unbounded queue.

use crate::error::ApiError;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Semaphore;

/// Argon2 computations at once (each holds 19 MiB).
pub const WORKERS: usize = 2;
/// Computations that may wait for a worker before new ones are refused.
pub const QUEUE: usize = 32;
/// What a refused request is told to wait, in seconds.
pub const RETRY_AFTER_SECONDS: i64 = 2;

pub struct HashPool {
    workers: Semaphore,
    /// Running plus waiting.
    admitted: AtomicUsize,
    limit: usize,
}

impl Default for HashPool {
    fn default() -> Self {
        Self::new(WORKERS, QUEUE)
    }
}

/// Gives back an admission when the request ends, however it ends.
struct Admission<'a>(&'a AtomicUsize);

impl Drop for Admission<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl HashPool {
    pub fn new(workers: usize, queue: usize) -> Self {
        Self {
            workers: Semaphore::new(workers),
            admitted: AtomicUsize::new(0),
            limit: workers + queue,
        }
    }

    /// Runs `work` (which hashes or verifies) on a blocking thread once a worker is free, or
    /// refuses at once with [`ApiError::Busy`] when too many already wait.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        if self.admitted.fetch_add(1, Ordering::AcqRel) >= self.limit {
            self.admitted.fetch_sub(1, Ordering::AcqRel);
            return Err(ApiError::Busy {
                seconds: RETRY_AFTER_SECONDS,
            });
        }
        let _admission = Admission(&self.admitted);
        let _worker = self.workers.acquire().await.map_err(ApiError::internal)?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(ApiError::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[tokio::test]
    async fn beyond_the_queue_work_is_refused_at_once() {
        let pool = Arc::new(HashPool::new(1, 2));
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let wait = Arc::new(std::sync::Mutex::new(wait));
        let mut running = Vec::new();
        for _ in 0..3 {
            let (pool, wait) = (Arc::clone(&pool), Arc::clone(&wait));
            running.push(tokio::spawn(async move {
                pool.run(move || {
                    let _ = wait.lock().map(|w| w.recv());
                })
                .await
            }));
        }
        while pool.admitted.load(Ordering::Acquire) < 3 {
            tokio::task::yield_now().await;
        }
        assert!(matches!(pool.run(|| ()).await, Err(ApiError::Busy { .. })));
        for _ in 0..3 {
            release.send(()).expect("release");
        }
        for task in running {
            assert!(task.await.expect("joined").is_ok());
        }
        assert!(pool.run(|| ()).await.is_ok(), "admissions were given back");
    }
}
