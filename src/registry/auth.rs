//! Credentials: a redacting [`Secret`] type and the registry authentication modes.

use std::fmt;

/// A password, token or private key. `Debug` and `Display` print `[redacted]`; read it with [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value: only for building a request, never for messages.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::new(s)
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

/// How requests authenticate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Auth {
    #[default]
    None,
    /// HTTP basic authentication. The user name is not secret; the password is.
    Basic { user: String, password: Secret },
    /// `Authorization: Bearer <token>` with a static token.
    Bearer(Secret),
}

impl Auth {
    /// `user:password` as in `basic.auth.user.info` (the password may contain `:`).
    pub fn basic_from_user_info(user_info: &str) -> Option<Auth> {
        let (user, password) = user_info.split_once(':')?;
        Some(Auth::Basic { user: user.to_owned(), password: Secret::new(password) })
    }
}
