//! The full-text index asked for the reader's `/` and `F` (`Effect::BodySearch`), on a
//! connection of its own, off the UI loop.

use crate::db::Db;
use std::time::Duration;

/// Which articles' text holds each term, each looked up on its own (a free word may match
/// in the title of one article and the body of another).
///
/// Answers from the index as it is, then, if articles stored since are not indexed yet
/// (the writer indexes when idle, so right after a refresh), indexes them and answers
/// again: the first answer is quick, the second complete. Catching up is bounded so a
/// first refresh of thousands of articles does not hold a search for seconds.
pub fn body_search(
    path: &std::path::Path,
    terms: &[String],
    mut answer: impl FnMut(Result<crate::app::BodyHits, crate::db::DbError>),
) {
    const CATCH_UP: Duration = Duration::from_millis(1500);
    let mut db = match Db::open(path) {
        Ok(db) => db,
        Err(e) => return answer(Err(e)),
    };
    let hits = |db: &Db| -> Result<crate::app::BodyHits, crate::db::DbError> {
        let mut hits = crate::app::BodyHits::new();
        for t in terms {
            hits.insert(t.clone(), db.body_matches(std::slice::from_ref(t), None)?);
        }
        Ok(hits)
    };
    answer(hits(&db));
    if !db.unindexed().is_ok_and(|n| n > 0) {
        return;
    }
    // Another writer (this reader's own, or a cron refresh) holding the lock means it is
    // busy: what is indexed is the answer.
    let deadline = std::time::Instant::now() + CATCH_UP;
    match db.catch_up_index(Duration::from_millis(250), Some(deadline)) {
        Ok(done) if done.indexed() > 0 => answer(hits(&db)),
        Ok(_) => {}
        Err(e) => tracing::info!("search catch-up stopped: {e}"),
    }
}
