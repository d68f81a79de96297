//! Charts as PNG: the SVG a chart is drawn as, rasterised by resvg at twice its size (sharp on
//! screens and in print), with the text set in DejaVu Sans, which ships with the binary (its
//! licence beside it in `assets/fonts`), so a PNG looks the same on every machine.

use std::sync::{Arc, OnceLock};

static FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

/// How many pixels a PNG has per pixel of its SVG.
pub const SCALE: f32 = 2.0;

fn options() -> &'static resvg::usvg::Options<'static> {
    static OPTIONS: OnceLock<resvg::usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut fonts = resvg::usvg::fontdb::Database::new();
        fonts.load_font_data(FONT.to_vec());
        fonts.set_sans_serif_family("DejaVu Sans");
        fonts.set_serif_family("DejaVu Sans");
        resvg::usvg::Options {
            font_family: "DejaVu Sans".to_owned(),
            fontdb: Arc::new(fonts),
            ..resvg::usvg::Options::default()
        }
    })
}

/// The PNG of an SVG document; `Err` with why when it cannot be drawn.
pub fn from_svg(svg: &str) -> Result<Vec<u8>, String> {
    let tree = resvg::usvg::Tree::from_str(svg, options()).map_err(|e| e.to_string())?;
    let size = tree.size();
    let width = (size.width() * SCALE).ceil() as u32;
    let height = (size.height() * SCALE).ceil() as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width.max(1), height.max(1))
        .ok_or_else(|| format!("no {width}×{height} image"))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_becomes_a_png_twice_its_size() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="24" font-family="sans-serif" font-size="14">Hectáreas</text></svg>"#;
        let png = from_svg(svg).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // The IHDR chunk holds the width and height, big-endian, from byte 16.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 240);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 80);
    }

    #[test]
    fn a_broken_svg_is_an_error_not_a_picture() {
        assert!(from_svg("<svg").is_err());
    }
}
