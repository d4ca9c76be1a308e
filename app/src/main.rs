fn main() {
    switchboard_app::service_worker::register();
    leptos::mount::mount_to_body(switchboard_app::App);
}
