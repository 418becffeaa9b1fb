//! Versioned migrations. A migration once released is never edited: a schema
//! change is a new file appended here.

use rusqlite_migration::{Migrations, M};

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../migrations/001_articles.sql")),
        M::up(include_str!("../migrations/002_web_fields.sql")),
        M::up(include_str!("../migrations/003_feeds.sql")),
        M::up(include_str!("../migrations/004_clusters.sql")),
        M::up(include_str!("../migrations/005_entities.sql")),
        M::up(include_str!("../migrations/006_entity_skipped.sql")),
        M::up(include_str!("../migrations/007_watches.sql")),
    ])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
