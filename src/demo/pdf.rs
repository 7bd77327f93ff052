//! A tiny PDF writer for the demo's documents: one A4 page of text in
//! Helvetica, valid PDF 1.4 with a correct cross-reference table. The same
//! text gives the same bytes, so the store keeps it once however often the
//! demo is loaded.

/// Writes a one-page PDF: a title line, then paragraphs wrapped to the page.
pub fn one_page(title: &str, paragraphs: &[String]) -> Vec<u8> {
    let mut content = String::from("BT\n/F2 15 Tf\n56 780 Td\n18 TL\n");
    content.push_str(&format!("({}) Tj\n/F1 10.5 Tf\n14 TL\nT*\n", escape(title)));
    for paragraph in paragraphs {
        for line in wrap(paragraph, 95) {
            content.push_str(&format!("T* ({}) Tj\n", escape(&line)));
        }
        content.push_str("T*\n");
    }
    content.push_str("ET\n");
    let content = latin1(&content);

    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
          /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(&content);
    stream.extend_from_slice(b"\nendstream");
    objects.push(stream);

    let mut pdf = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    pdf
}

/// A PDF string literal's special characters escaped.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)")
}

/// WinAnsi is Latin-1 for the Norwegian letters; the few others are mapped
/// to their WinAnsi codes or to '?'.
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '–' => 0x96,
            '—' => 0x97,
            '§' => 0xA7,
            c if (c as u32) < 0x100 => c as u8,
            _ => b'?',
        })
        .collect()
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_pdf_whose_cross_references_point_at_its_objects() {
        let pdf = one_page("Møte (15.09.2020)", &["Blåbær ".repeat(40)]);
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(&pdf);
        let start: usize =
            text.rsplit("startxref\n").next().and_then(|t| t.lines().next()).and_then(|n| n.parse().ok()).unwrap_or(0);
        assert!(pdf[start..].starts_with(b"xref\n0 7\n"));
        let table = String::from_utf8_lossy(&pdf[start..]);
        for (index, line) in table.lines().skip(3).take(6).enumerate() {
            let offset: usize = line[..10].parse().unwrap_or(usize::MAX);
            assert!(pdf[offset..].starts_with(format!("{} 0 obj", index + 1).as_bytes()), "object {}", index + 1);
        }
        assert!(text.contains("M\u{FFFD}te \\(15.09.2020\\)"), "Latin-1 ø and escaped brackets");
        assert_eq!(one_page("a", &[]), one_page("a", &[]), "the same text gives the same bytes");
    }
}
