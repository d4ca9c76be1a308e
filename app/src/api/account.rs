//! The member's own account, and the invite and reset links that set a password.

use super::Error;
use super::http::{Agent, encode, json, send};
use gloo_net::http::Request;
use serde::{Deserialize, Serialize};

/// Ends every session of this member, on every device.
pub async fn logout_everywhere() -> Result<(), Error> {
    send(Request::delete("/api/sessions").build())
        .await
        .map(drop)
}

pub async fn change_password(current: &str, new: &str) -> Result<(), Error> {
    #[derive(Serialize)]
    struct Change<'a> {
        current: &'a str,
        new: &'a str,
    }
    let request = Request::put("/api/session/password").json(&Change { current, new });
    send(request).await.map(drop)
}

/// What the enrolment page shows: the QR code as SVG markup and the seed for typing in.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Enrolment {
    pub secret: String,
    pub qr_svg: String,
}

#[derive(Serialize)]
struct Code<'a> {
    code: &'a str,
}

pub async fn begin_totp() -> Result<Enrolment, Error> {
    json(send(Request::post("/api/session/totp").build()).await?).await
}

pub async fn confirm_totp(code: &str) -> Result<(), Error> {
    let request = Request::put("/api/session/totp").json(&Code { code });
    send(request).await.map(drop)
}

pub async fn disable_totp(code: &str) -> Result<(), Error> {
    let request = Request::delete("/api/session/totp").json(&Code { code });
    send(request).await.map(drop)
}

pub use switchboard_domain::wire::LinkInfo;

pub async fn link(token: &str) -> Result<LinkInfo, Error> {
    let url = format!("/api/links/{}", encode(token));
    json(send(Request::get(&url).build()).await?).await
}

/// Sets the password through the link; the relay logs the member in. `code` is the
/// authenticator's code, needed when the member's second factor is on.
pub async fn accept_link(token: &str, password: &str, code: Option<&str>) -> Result<Agent, Error> {
    #[derive(Serialize)]
    struct NewPassword<'a> {
        password: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        code: Option<&'a str>,
    }
    let url = format!("/api/links/{}", encode(token));
    let body = NewPassword { password, code };
    json(send(Request::post(&url).json(&body)).await?).await
}
