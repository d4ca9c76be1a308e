pub async fn check() -> &'static str {
    "ok"
}
