//! PNG images of the charts, rendered from their SVG with resvg and the bundled DejaVu Sans font
//! (`assets/fonts/`), never with system fonts, so the pixels are the same on every machine.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb::Database;

/// DejaVu Sans, licence in `assets/fonts/LICENSE-DejaVu.txt`.
const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The font database with the bundled font only, loaded once per run and shared by every
/// chart (loading it per chart was a third of the charts' time).
fn fonts() -> Arc<Database> {
    static FONTS: OnceLock<Arc<Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = Database::new();
            db.load_font_source(resvg::usvg::fontdb::Source::Binary(Arc::new(FONT)));
            db.set_sans_serif_family(super::chart::FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Renders an SVG (with its own `width` and `height`) to PNG bytes.
pub fn render(svg: &str) -> std::io::Result<Vec<u8>> {
    let opt = resvg::usvg::Options {
        font_family: super::chart::FONT_FAMILY.to_string(),
        fontdb: fonts(),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_str(svg, &opt).map_err(std::io::Error::other)?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| std::io::Error::other("chart has no size"))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    encode(&pixmap)
}

/// PNG bytes of `pixmap`: RGB when every pixel is opaque (charts have a
/// white background; premultiplied and plain colours are then the same), otherwise tiny-skia's
/// own RGBA encoder.
fn encode(pixmap: &resvg::tiny_skia::Pixmap) -> std::io::Result<Vec<u8>> {
    let rgba = pixmap.data();
    if rgba.chunks_exact(4).any(|px| px[3] != u8::MAX) {
        return pixmap.encode_png().map_err(std::io::Error::other);
    }
    let rgb: Vec<u8> = rgba.chunks_exact(4).flat_map(|px| [px[0], px[1], px[2]]).collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Balanced);
    let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
    writer.write_image_data(&rgb).map_err(std::io::Error::other)?;
    writer.finish().map_err(std::io::Error::other)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_drawn_with_the_bundled_font() {
        let with_text = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\">\
<rect width=\"120\" height=\"40\" fill=\"#fff\"/><text x=\"4\" y=\"28\" font-size=\"24\" \
font-family=\"DejaVu Sans\">Heiloo</text></svg>";
        let blank = with_text.replace("Heiloo", "");
        let a = render(with_text).unwrap();
        let b = render(&blank).unwrap();
        assert_eq!(&a[1..4], b"PNG");
        assert_ne!(a, b, "the text must change the pixels");
        assert_eq!(a, render(with_text).unwrap());
    }

    #[test]
    fn opaque_charts_are_rgb_and_others_keep_their_alpha() {
        let opaque = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\">\
<rect width=\"8\" height=\"8\" fill=\"#fff\"/><rect width=\"4\" height=\"4\" fill=\"#c00\"/></svg>";
        let clear = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\">\
<rect width=\"4\" height=\"4\" fill=\"#c00\"/></svg>";
        // Byte 25 of a PNG is the IHDR colour type: 2 is RGB, 6 is RGBA.
        assert_eq!(render(opaque).unwrap()[25], 2);
        assert_eq!(render(clear).unwrap()[25], 6);
    }
}
