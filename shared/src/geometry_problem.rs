//! What can be wrong with a geometry (a project area): named here, outside the `geometry`
//! feature, so that validation messages exist in every build.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// What is wrong with a geometry, and where (ring 0 is a polygon's outer boundary, 1.. its holes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum GeometryProblem {
    /// The text is not GeoJSON.
    NotGeoJson {
        /// The parser's explanation.
        detail: String,
    },
    /// The text is not well-formed KML (XML).
    NotKml {
        /// The parser's explanation.
        detail: String,
    },
    /// The GeoJSON holds no polygon (a project area must be a Polygon or MultiPolygon).
    NoPolygon,
    /// A ring's last point is not its first.
    RingNotClosed {
        /// Which polygon.
        polygon: u32,
        /// Which ring.
        ring: u32,
    },
    /// A ring has fewer than 4 points (3 distinct corners and the closing point).
    TooFewPoints {
        /// Which polygon.
        polygon: u32,
        /// Which ring.
        ring: u32,
    },
    /// A coordinate is outside longitude −180…180 or latitude −90…90 (or not a number).
    CoordinateOutOfRange {
        /// Which polygon.
        polygon: u32,
        /// Which ring.
        ring: u32,
        /// Which point.
        point: u32,
    },
    /// A ring crosses itself, or the rings of a polygon cross.
    SelfIntersection {
        /// Which polygon.
        polygon: u32,
    },
    /// More corners than an area may have (all rings of all polygons together).
    TooManyCorners {
        /// The most corners.
        max: u32,
    },
    /// A hole of a polygon lies outside its outer boundary, or inside another hole.
    HoleOutside {
        /// Which polygon.
        polygon: u32,
        /// Which ring.
        ring: u32,
    },
}

impl GeometryProblem {
    /// A sentence for people.
    pub fn message(&self, locale: Locale) -> String {
        let es = locale == Locale::Es;
        match self {
            GeometryProblem::NotGeoJson { detail } => {
                if es {
                    format!("El archivo no es GeoJSON válido: {detail}")
                } else {
                    format!("The file is not valid GeoJSON: {detail}")
                }
            }
            GeometryProblem::NotKml { detail } => {
                if es {
                    format!("El archivo no es KML válido: {detail}")
                } else {
                    format!("The file is not valid KML: {detail}")
                }
            }
            GeometryProblem::NoPolygon => if es {
                "El archivo no contiene ningún polígono."
            } else {
                "The file holds no polygon."
            }
            .to_owned(),
            GeometryProblem::RingNotClosed { polygon, ring } => {
                if es {
                    format!(
                        "Polígono {}, anillo {}: el último punto no es igual al primero.",
                        polygon + 1,
                        ring + 1
                    )
                } else {
                    format!(
                        "Polygon {}, ring {}: the last point is not the first.",
                        polygon + 1,
                        ring + 1
                    )
                }
            }
            GeometryProblem::TooFewPoints { polygon, ring } => {
                if es {
                    format!(
                        "Polígono {}, anillo {}: se necesitan al menos 3 vértices distintos.",
                        polygon + 1,
                        ring + 1
                    )
                } else {
                    format!(
                        "Polygon {}, ring {}: at least 3 distinct corners are needed.",
                        polygon + 1,
                        ring + 1
                    )
                }
            }
            GeometryProblem::CoordinateOutOfRange {
                polygon,
                ring,
                point,
            } => {
                if es {
                    format!(
                        "Polígono {}, anillo {}, punto {}: la longitud debe estar entre −180 y 180 y la latitud entre −90 y 90.",
                        polygon + 1,
                        ring + 1,
                        point + 1
                    )
                } else {
                    format!(
                        "Polygon {}, ring {}, point {}: longitude must be within −180…180 and latitude within −90…90.",
                        polygon + 1,
                        ring + 1,
                        point + 1
                    )
                }
            }
            GeometryProblem::SelfIntersection { polygon } => {
                if es {
                    format!("Polígono {}: el borde se cruza consigo mismo.", polygon + 1)
                } else {
                    format!("Polygon {}: its boundary crosses itself.", polygon + 1)
                }
            }
            GeometryProblem::TooManyCorners { max } => {
                if es {
                    format!(
                        "El área tiene más de {max} vértices, el máximo: simplifíquela (por ejemplo con QGIS, Vectorial › Geometría › Simplificar)."
                    )
                } else {
                    format!(
                        "The area has more than {max} corners, the most it may have: simplify it (in QGIS, for example, Vector › Geometry › Simplify)."
                    )
                }
            }
            GeometryProblem::HoleOutside { polygon, ring } => {
                if es {
                    format!(
                        "Polígono {}, anillo {}: el hueco no está dentro del borde exterior (o está dentro de otro hueco).",
                        polygon + 1,
                        ring + 1
                    )
                } else {
                    format!(
                        "Polygon {}, ring {}: the hole is not inside the outer boundary (or lies inside another hole).",
                        polygon + 1,
                        ring + 1
                    )
                }
            }
        }
    }
}
