fn main() {
    switchboard_app::service_worker::register();
    leptos::mount::mount_to_body(switchboard_app::App);
    // Mounting drew the first screen synchronously: the splash goes in the same task, so
    // no frame shows both or neither.
    if let Some(splash) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("splash"))
    {
        splash.remove();
    }
}
