//! The crops a program deals with: the illicit ones it helps farmers leave, and the licit crops and
//! value chains it promotes instead. Codes are stable identifiers used in forms, the API and the
//! database; names are translated.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

macro_rules! crop_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $en:literal, $es:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name { $(#[doc = $en] $variant,)* }

        impl $name {
            /// Every value, in the order forms list them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable code used in forms, the API and the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// Reads a code; `None` when unknown.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }

            /// The translated name.
            pub fn name(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(($name::$variant, Locale::En) => $en, ($name::$variant, Locale::Es) => $es,)*
                }
            }
        }
    };
}

/// The same shape for other coded choices of the product (statuses, tenures): an enum with a
/// stable code and an English and Spanish name per value.
pub(crate) use crop_enum as coded_enum;

crop_enum! {
    /// A crop grown for the illicit drug market (resolution 75/198, paragraph 70).
    IllicitCrop {
        CocaBush => "coca_bush", "Coca bush", "Arbusto de coca";
        OpiumPoppy => "opium_poppy", "Opium poppy", "Adormidera";
        CannabisPlant => "cannabis_plant", "Cannabis plant", "Planta de cannabis";
    }
}

crop_enum! {
    /// A licit crop or value chain that an alternative development project promotes.
    AlternativeCrop {
        Cocoa => "cocoa", "Cocoa", "Cacao";
        Coffee => "coffee", "Coffee", "Café";
        Banana => "banana", "Banana and plantain", "Banano y plátano";
        Pineapple => "pineapple", "Pineapple", "Piña";
        PalmHeart => "palm_heart", "Palm heart", "Palmito";
        Avocado => "avocado", "Avocado", "Aguacate";
        Citrus => "citrus", "Citrus", "Cítricos";
        SachaInchi => "sacha_inchi", "Sacha inchi", "Sacha inchi";
        Rubber => "rubber", "Rubber", "Caucho";
        Timber => "timber", "Timber and agroforestry", "Maderables y agroforestería";
        Tea => "tea", "Tea", "Té";
        Rice => "rice", "Rice", "Arroz";
        Maize => "maize", "Maize", "Maíz";
        Beans => "beans", "Beans", "Fríjol";
        Cassava => "cassava", "Cassava", "Yuca";
        Vegetables => "vegetables", "Vegetables", "Hortalizas";
        Honey => "honey", "Honey (beekeeping)", "Miel (apicultura)";
        Livestock => "livestock", "Livestock", "Ganadería";
        FishFarming => "fish_farming", "Fish farming", "Piscicultura";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_crop_code_reads_back_to_the_same_crop() {
        for crop in AlternativeCrop::ALL {
            assert_eq!(AlternativeCrop::from_code(crop.code()), Some(*crop));
        }
        for crop in IllicitCrop::ALL {
            assert_eq!(IllicitCrop::from_code(crop.code()), Some(*crop));
        }
    }

    #[test]
    fn crops_serialize_as_their_codes() {
        assert_eq!(
            serde_json::to_string(&IllicitCrop::CocaBush).unwrap(),
            "\"coca_bush\""
        );
        assert_eq!(
            serde_json::to_string(&AlternativeCrop::SachaInchi).unwrap(),
            "\"sacha_inchi\""
        );
    }

    #[test]
    fn an_unknown_crop_code_is_not_read() {
        assert_eq!(AlternativeCrop::from_code("coca_bush"), None);
        assert_eq!(IllicitCrop::from_code("cocoa"), None);
        assert_eq!(AlternativeCrop::from_code(""), None);
    }
}
