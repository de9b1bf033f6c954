//! Reading JSON input, the password, and printing JSON output.

use kartoteka_api::{ApiError, ErrorCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::{IsTerminal, Read};

pub const PASSWORD_ENV: &str = "KARTOTEKA_PASSWORD";

/// Reads a JSON document from a file or from stdin (`-`).
pub fn read_json_value(source: &str) -> Result<serde_json::Value, ApiError> {
    let text = if source == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| {
            ApiError::invalid(
                "json",
                format!("Nie udało się odczytać danych ze standardowego wejścia: {e}"),
            )
        })?;
        s
    } else {
        std::fs::read_to_string(source).map_err(|e| {
            ApiError::invalid(
                "json",
                format!("Nie udało się odczytać pliku {source}: {e}"),
            )
        })?
    };
    serde_json::from_str(&text).map_err(|e| {
        ApiError::invalid(
            "json",
            format!("Dane nie są poprawnym JSON-em (wiersz {}, kolumna {}): popraw plik i spróbuj ponownie", e.line(), e.column()),
        )
    })
}

/// Reads JSON into an input type; unknown keys are an error naming the key.
pub fn read_json<T: DeserializeOwned>(source: &str) -> Result<T, ApiError> {
    parse_json(read_json_value(source)?)
}

pub fn parse_json<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|e| {
        let text = e.to_string();
        let message = if let Some(rest) = text.strip_prefix("unknown field `") {
            let field = rest.split('`').next().unwrap_or("");
            return ApiError::invalid(
                field,
                format!("Nieznane pole „{field}” — sprawdź pisownię klucza"),
            );
        } else {
            format!("Niepoprawne dane JSON: {text}")
        };
        ApiError::invalid("json", message)
    })
}

pub fn print_json<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("output serialises")
    );
}

/// The password from KARTOTEKA_PASSWORD, else asked at the terminal.
pub fn password(prompt: &str) -> Result<String, ApiError> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(ApiError::new(
            ErrorCode::Locked,
            "Kartoteka jest zaszyfrowana: podaj hasło w zmiennej KARTOTEKA_PASSWORD albo uruchom polecenie w terminalu.",
        ));
    }
    rpassword::prompt_password(prompt).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("Nie udało się odczytać hasła: {e}"),
        )
    })
}

pub const NEW_PASSWORD_ENV: &str = "KARTOTEKA_NEW_PASSWORD";

/// A new password, asked twice at the terminal (or taken from the environment variable `env`).
pub fn new_password_from(env: &str) -> Result<String, ApiError> {
    if let Ok(p) = std::env::var(env) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(ApiError::invalid(
            "password",
            format!("Podaj nowe hasło w zmiennej {env} albo uruchom polecenie w terminalu."),
        ));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt).map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("Nie udało się odczytać hasła: {e}"),
            )
        })
    };
    let first = ask("Nowe hasło (co najmniej 8 znaków): ")?;
    let second = ask("Powtórz hasło: ")?;
    if first != second {
        return Err(ApiError::invalid(
            "password",
            "Hasła się różnią — nic nie zmieniono",
        ));
    }
    Ok(first)
}
