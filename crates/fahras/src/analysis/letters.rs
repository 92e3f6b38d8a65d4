//! Named Arabic code points and the character classes the analyzers share.
//!
//! Every rule in [`normalize`](mod@super::normalize) and [`stem`](mod@super::stem) is written in
//! these names rather than in glyphs: bidirectional text in a `match` arm is hard to review.

#![allow(missing_docs)] // The constants are their own documentation.

// Letters that the normalizer folds or the stemmer looks at.
pub const HAMZA: char = '\u{0621}';
pub const ALEF_MADDA: char = '\u{0622}';
pub const ALEF_HAMZA_ABOVE: char = '\u{0623}';
pub const WAW_HAMZA_ABOVE: char = '\u{0624}';
pub const ALEF_HAMZA_BELOW: char = '\u{0625}';
pub const YEH_HAMZA_ABOVE: char = '\u{0626}';
pub const ALEF: char = '\u{0627}';
pub const BEH: char = '\u{0628}';
pub const TEH_MARBUTA: char = '\u{0629}';
pub const TEH: char = '\u{062A}';
pub const THEH: char = '\u{062B}';
pub const JEEM: char = '\u{062C}';
pub const DAL: char = '\u{062F}';
pub const THAL: char = '\u{0630}';
pub const ZAIN: char = '\u{0632}';
pub const SEEN: char = '\u{0633}';
pub const SAD: char = '\u{0635}';
pub const DAD: char = '\u{0636}';
pub const TAH: char = '\u{0637}';
pub const ZAH: char = '\u{0638}';
pub const GHAIN: char = '\u{063A}';
pub const FEH: char = '\u{0641}';
pub const QAF: char = '\u{0642}';
pub const KAF: char = '\u{0643}';
pub const LAM: char = '\u{0644}';
pub const MEEM: char = '\u{0645}';
pub const NOON: char = '\u{0646}';
pub const HEH: char = '\u{0647}';
pub const WAW: char = '\u{0648}';
pub const ALEF_MAKSURA: char = '\u{0649}';
pub const YEH: char = '\u{064A}';
pub const ALEF_WASLA: char = '\u{0671}';
pub const ALEF_WAVY_HAMZA_ABOVE: char = '\u{0672}';
pub const ALEF_WAVY_HAMZA_BELOW: char = '\u{0673}';
pub const KEHEH: char = '\u{06A9}';
pub const SWASH_KAF: char = '\u{06AA}';
pub const FARSI_YEH: char = '\u{06CC}';
pub const PEH: char = '\u{067E}';
pub const VEH: char = '\u{06A4}';

// Marks that carry no letter of their own.
pub const TATWEEL: char = '\u{0640}';
pub const FATHATAN: char = '\u{064B}';
pub const SUKUN: char = '\u{0652}';
/// Last of the combining marks after SUKUN (maddah, hamza above/below, subscript alef, ...).
pub const LAST_HARAKAH: char = '\u{065F}';
pub const SUPERSCRIPT_ALEF: char = '\u{0670}';
pub const QURANIC_MARK_FIRST: char = '\u{06D6}';
pub const QURANIC_MARK_LAST: char = '\u{06ED}';
/// Honorifics and Quranic annotation signs written above letters (U+0610..U+061A).
pub const ARABIC_SIGN_FIRST: char = '\u{0610}';
pub const ARABIC_SIGN_LAST: char = '\u{061A}';

// Invisible formatting characters that may sit inside a word.
pub const ARABIC_LETTER_MARK: char = '\u{061C}';
pub const SOFT_HYPHEN: char = '\u{00AD}';
pub const ZERO_WIDTH_NON_JOINER: char = '\u{200C}';
pub const ZERO_WIDTH_JOINER: char = '\u{200D}';
pub const LEFT_TO_RIGHT_MARK: char = '\u{200E}';
pub const RIGHT_TO_LEFT_MARK: char = '\u{200F}';
pub const ZERO_WIDTH_NO_BREAK_SPACE: char = '\u{FEFF}';

// Digits.
pub const ARABIC_INDIC_ZERO: char = '\u{0660}';
pub const ARABIC_INDIC_NINE: char = '\u{0669}';
pub const EXTENDED_ARABIC_INDIC_ZERO: char = '\u{06F0}';
pub const EXTENDED_ARABIC_INDIC_NINE: char = '\u{06F9}';

// Presentation forms, rewritten through compatibility decomposition.
pub const PRESENTATION_A_FIRST: char = '\u{FB50}';
pub const PRESENTATION_A_LAST: char = '\u{FDFF}';
pub const PRESENTATION_B_FIRST: char = '\u{FE70}';
pub const PRESENTATION_B_LAST: char = '\u{FEFC}';

/// Harakat and the other combining marks U+064B..U+065F (fathatan .. the last Arabic mark).
#[inline]
pub const fn is_harakah(c: char) -> bool {
    matches!(c, FATHATAN..=LAST_HARAKAH)
}

/// A mark that belongs to the letter before it and is dropped by normalization:
/// harakat, superscript alef, Quranic annotation marks, the signs U+0610..U+061A, tatweel,
/// and the presentation forms of marks.
#[inline]
pub const fn is_arabic_mark(c: char) -> bool {
    is_harakah(c)
        || c == SUPERSCRIPT_ALEF
        || c == TATWEEL
        || matches!(c, QURANIC_MARK_FIRST..=QURANIC_MARK_LAST)
        || matches!(c, ARABIC_SIGN_FIRST..=ARABIC_SIGN_LAST)
        || matches!(c, '\u{08CA}'..='\u{08FF}')
        || is_presentation_mark(c)
}

/// Presentation forms that hold only marks: shadda ligatures and the spacing harakat forms.
#[inline]
pub const fn is_presentation_mark(c: char) -> bool {
    matches!(c, '\u{FC5E}'..='\u{FC63}' | '\u{FE70}'..='\u{FE7F}')
}

/// An invisible character that joins, or sets the direction of, the letters around it.
/// It never splits a word and is dropped by normalization.
#[inline]
pub const fn is_invisible_joiner(c: char) -> bool {
    matches!(
        c,
        ARABIC_LETTER_MARK
            | SOFT_HYPHEN
            | ZERO_WIDTH_NON_JOINER
            | ZERO_WIDTH_JOINER
            | LEFT_TO_RIGHT_MARK
            | RIGHT_TO_LEFT_MARK
            | ZERO_WIDTH_NO_BREAK_SPACE
    )
}

/// An Arabic-script letter, including the presentation forms and the supplement blocks.
#[inline]
pub const fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{0870}'..='\u{0887}'
        | '\u{0889}'..='\u{088E}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FC5D}'
        | '\u{FC64}'..='\u{FD3D}'
        | '\u{FD50}'..='\u{FDC7}'
        | '\u{FDF0}'..='\u{FDFB}'
        | '\u{FE80}'..='\u{FEFC}'
    )
}

/// A presentation form (U+FB50..U+FDFF, U+FE70..U+FEFC), rewritten by compatibility decomposition.
#[inline]
pub const fn is_presentation_form(c: char) -> bool {
    matches!(c, PRESENTATION_A_FIRST..=PRESENTATION_A_LAST | PRESENTATION_B_FIRST..=PRESENTATION_B_LAST)
}

/// The value of an Arabic-Indic (U+0660..U+0669) or extended Arabic-Indic (U+06F0..U+06F9) digit.
#[inline]
pub const fn arabic_digit_value(c: char) -> Option<u32> {
    match c {
        ARABIC_INDIC_ZERO..=ARABIC_INDIC_NINE => Some(c as u32 - ARABIC_INDIC_ZERO as u32),
        EXTENDED_ARABIC_INDIC_ZERO..=EXTENDED_ARABIC_INDIC_NINE => {
            Some(c as u32 - EXTENDED_ARABIC_INDIC_ZERO as u32)
        }
        _ => None,
    }
}
