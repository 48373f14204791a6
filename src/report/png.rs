//! PNG images of the charts, rendered from their SVG with resvg and the bundled DejaVu Sans font
//! (`assets/fonts/`), never with system fonts, so the pixels are the same on every machine.

use std::sync::Arc;

/// DejaVu Sans, licence in `assets/fonts/LICENSE-DejaVu.txt`.
const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Renders an SVG (with its own `width` and `height`) to PNG bytes.
pub fn render(svg: &str) -> std::io::Result<Vec<u8>> {
    let mut db = resvg::usvg::fontdb::Database::new();
    db.load_font_data(FONT.to_vec());
    db.set_sans_serif_family(super::chart::FONT_FAMILY);
    let opt = resvg::usvg::Options {
        font_family: super::chart::FONT_FAMILY.to_string(),
        fontdb: Arc::new(db),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_str(svg, &opt).map_err(std::io::Error::other)?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| std::io::Error::other("chart has no size"))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(std::io::Error::other)
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
}
