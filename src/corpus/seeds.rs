//! The five seed articles, compiled into the binary as the default corpus.

use super::reader::text_record;
use super::walk::Kind;
use super::{Encoding, Record};

/// Expands to `(name, contents)` for a file of `corpora/seeds/`.
macro_rules! seed {
    ($name:literal) => {
        ($name, include_str!(concat!("../../corpora/seeds/", $name)))
    };
}

/// The seed files, in name order.
const SEEDS: [(&str, &str); 5] = [
    seed!("000_115f144be502b13d.txt"),
    seed!("001_3af3ba166fef2441.txt"),
    seed!("002_7e43b818517bb974.txt"),
    seed!("003_519ad53a011d0ed8.txt"),
    seed!("004_1d7f084c0602acb7.txt"),
];

/// The embedded seed corpus, one document per file of `corpora/seeds/`, in name order: the
/// same records as reading that directory (id = file name, origin `corpora/seeds/NAME`).
pub fn seed_records() -> Vec<Record> {
    SEEDS
        .iter()
        .map(|(name, text)| {
            text_record(
                (*name).to_owned(),
                format!("corpora/seeds/{name}"),
                text.as_bytes(),
                Kind::Txt,
                Encoding::Utf8,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_in_name_order() {
        assert!(SEEDS.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
