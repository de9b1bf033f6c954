//! Reading JSON input, the password, and printing JSON output.

use clap::Args;
use kartoteka_api::{access, ApiError, App, ErrorCode, Frontend};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::{IsTerminal, Read};
use std::path::Path;

pub const PASSWORD_ENV: &str = "KARTOTEKA_PASSWORD";
pub const SESSION_ENV: &str = "KARTOTEKA_SESSION";

/// The session token from KARTOTEKA_SESSION, when set and not empty.
pub fn session_token() -> Option<zeroize::Zeroizing<String>> {
    std::env::var(SESSION_ENV)
        .ok()
        .filter(|t| !t.trim().is_empty())
        .map(zeroize::Zeroizing::new)
}

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
    parse_value(&text)
}

/// Parses JSON text, refusing a key given twice in one object (JSON parsers differ in which
/// one they keep, so the user could not know what was saved).
fn parse_value(text: &str) -> Result<serde_json::Value, ApiError> {
    use serde::Deserializer as _;
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = de
        .deserialize_any(NoDuplicates)
        .and_then(|v| de.end().map(|_| v));
    parsed.map_err(|e| {
        let text = e.to_string();
        if let Some(key) = text
            .strip_prefix("duplicate key `")
            .and_then(|r| r.split('`').next())
        {
            return ApiError::invalid(
                key,
                format!("Pole „{key}” występuje w danych dwa razy — zostaw jedno i spróbuj ponownie"),
            );
        }
        ApiError::invalid(
            "json",
            format!("Dane nie są poprawnym JSON-em (wiersz {}, kolumna {}): popraw plik i spróbuj ponownie", e.line(), e.column()),
        )
    })
}

/// Builds a `serde_json::Value`, failing on a repeated key.
struct NoDuplicates;

impl<'de> serde::de::Visitor<'de> for NoDuplicates {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(NoDuplicatesSeed)? {
            out.push(v);
        }
        Ok(out.into())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(NoDuplicatesSeed)?;
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
            }
            out.insert(key, value);
        }
        Ok(out.into())
    }
}

struct NoDuplicatesSeed;

impl<'de> serde::de::DeserializeSeed<'de> for NoDuplicatesSeed {
    type Value = serde_json::Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(NoDuplicates)
    }
}

/// Reads JSON into an input type; unknown keys are an error naming the key.
pub fn read_json<T: DeserializeOwned>(source: &str) -> Result<T, ApiError> {
    parse_json(read_json_value(source)?)
}

/// Turns JSON into an input type; a key of the wrong type or unknown is an error naming that
/// key, in Polish.
pub fn parse_json<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        if let Some(rest) = inner.strip_prefix("unknown field `") {
            let field = rest.split('`').next().unwrap_or("");
            let field = if path == "." {
                field.to_owned()
            } else if path == field || path.ends_with(&format!(".{field}")) {
                path
            } else {
                format!("{path}.{field}")
            };
            return ApiError::invalid(
                &field,
                format!("Nieznane pole „{field}” — sprawdź pisownię klucza"),
            );
        }
        let field = if path == "." { "json".to_owned() } else { path };
        ApiError::invalid(&field, polish_serde(&inner))
    })
}

/// serde's message about a value, in Polish ("invalid type: integer `5`, expected a string").
fn polish_serde(message: &str) -> String {
    let kind = |what: &str| {
        let what = what.trim();
        if what.starts_with("integer") || what.starts_with("floating point") {
            "liczbę"
        } else if what.starts_with("string") {
            "tekst"
        } else if what.starts_with("boolean") {
            "wartość true/false"
        } else if what.starts_with("map") {
            "obiekt { … }"
        } else if what.starts_with("sequence") {
            "listę [ … ]"
        } else if what.starts_with("null") || what.starts_with("unit") {
            "null"
        } else {
            "inną wartość"
        }
    };
    let expected = |what: &str| {
        let what = what.trim();
        if what.contains("string") || what.contains("date") {
            "tekstu w cudzysłowie"
        } else if what.contains("bool") {
            "wartości true albo false"
        } else if what.contains("integer")
            || what.contains("u8")
            || what.contains("u32")
            || what.contains("i64")
            || what.contains("number")
        {
            "liczby"
        } else if what.contains("sequence") || what.contains("Vec") || what.contains("list") {
            "listy [ … ]"
        } else if what.contains("struct") || what.contains("map") {
            "obiektu { … }"
        } else {
            "innej wartości"
        }
    };
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!(
                "zły rodzaj wartości: podano {}, a oczekiwano {} — popraw dane i spróbuj ponownie",
                kind(got),
                expected(want)
            );
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        return format!("brakuje wymaganego pola „{field}”");
    }
    if message.starts_with("unknown variant") {
        return "wartość spoza listy dozwolonych — sprawdź pisownię".to_owned();
    }
    format!("niepoprawna wartość — popraw dane i spróbuj ponownie ({message})")
}

/// Prints JSON on stdout. A reader that stopped reading (`| head`) ends the process quietly:
/// the work is done and there is nobody left to tell.
pub fn print_json<T: Serialize>(value: &T) {
    use std::io::Write;
    let text = serde_json::to_string_pretty(value).expect("output serialises");
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("Błąd: nie udało się wypisać wyniku: {e}");
        std::process::exit(1);
    }
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

/// `--json FILE|-`: the data of a command, from a file or standard input.
#[derive(Args)]
pub struct JsonArg {
    /// Plik JSON z danymi albo „-” dla standardowego wejścia.
    #[arg(long, value_name = "FILE|-")]
    pub json: String,
}

/// Unlocks the registry as the application (`kartoteka_api::App`): with the session in
/// KARTOTEKA_SESSION when set (no key derivation), else with the password.
pub fn open_app(dir: &Path) -> Result<App, ApiError> {
    access::require_store(dir)?;
    if let Some(token) = session_token() {
        return access::unlock_session(dir, &token, Frontend::Cli);
    }
    let password = password("Hasło: ")?;
    access::unlock(dir, &password, Frontend::Cli)
}
