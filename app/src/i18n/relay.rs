//! Where a space syncs, said in words on an invitation: the relay's address
//! (`wss://host/sync`) means nothing to an agent, its server's name and
//! what happens without network do.

use super::Locale;

/// The server of a relay address: `ws://mairie.fr:3000/sync` → `mairie.fr:3000`.
#[must_use]
pub fn relay_host(relay: &str) -> &str {
    let rest = relay.split_once("://").map_or(relay, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// Where the space syncs: through the server that served the app (`same`),
/// or through the named one.
#[must_use]
pub fn syncs_through(locale: Locale, host: &str, same: bool) -> String {
    match (locale, same) {
        (Locale::Fr, true) => "Les idées de cet espace se synchronisent par ce même serveur, celui qui vous a ouvert l’application, dès que le réseau le permet ; sans réseau, tout reste enregistré sur cet appareil.".to_owned(),
        (Locale::Fr, false) => format!("Les idées de cet espace se synchronisent par le serveur {host} dès que le réseau le permet ; sans réseau, tout reste enregistré sur cet appareil."),
        (Locale::En, true) => "This space’s ideas sync through this same server, the one that opened the app for you, whenever the network allows; without network, everything stays saved on this device.".to_owned(),
        (Locale::En, false) => format!("This space’s ideas sync through the server {host} whenever the network allows; without network, everything stays saved on this device."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_is_named_by_its_host() {
        assert_eq!(relay_host("ws://127.0.0.1:3000/sync"), "127.0.0.1:3000");
        assert_eq!(
            relay_host("wss://relais.mairie.fr/sync?x=1"),
            "relais.mairie.fr"
        );
        assert_eq!(relay_host("relais.mairie.fr"), "relais.mairie.fr");
        assert!(
            syncs_through(Locale::Fr, "relais.mairie.fr", false)
                .contains("par le serveur relais.mairie.fr")
        );
        assert!(
            syncs_through(Locale::En, "", true)
                .starts_with("This space’s ideas sync through this same server")
        );
    }
}
