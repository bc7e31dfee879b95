/**
 * Host configs close to what Microsoft Teams gives the Adaptive Cards renderer in a channel
 * (Fluent UI's Teams palette, Segoe UI, Teams' font sizes and spacing), light and dark. Used by
 * `npm run cards` to see cards as agents do; Teams' own config is not published as a file.
 */
const common = {
    fontFamily: "'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif",
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1 },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 200, default: 400, bolder: 600 },
    imageSizes: { small: 32, medium: 52, large: 100 },
    actions: { maxActions: 6, spacing: 'Default', buttonSpacing: 8, showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' }, actionsOrientation: 'Horizontal', actionAlignment: 'Left', iconPlacement: 'LeftOfTitle' },
    factSet: { title: { weight: 'Bolder', size: 'Default', wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 8 },
    textBlock: { headingLevel: 2 },
    inputs: { label: { requiredInputs: { suffix: ' *' }, optionalInputs: {} }, errorMessage: {} }
};

const palette = (fg: { default: string; subtle: string; accent: string; good: string; warning: string; attention: string; dark: string; light: string }) => ({
    default: { default: fg.default, subtle: fg.subtle },
    dark: { default: fg.dark, subtle: fg.dark },
    light: { default: fg.light, subtle: fg.light },
    accent: { default: fg.accent, subtle: fg.accent },
    good: { default: fg.good, subtle: fg.good },
    warning: { default: fg.warning, subtle: fg.warning },
    attention: { default: fg.attention, subtle: fg.attention }
});

const lightForeground = palette({ default: '#242424', subtle: '#616161', accent: '#5B5FC7', good: '#0E700E', warning: '#835B00', attention: '#C4314B', dark: '#242424', light: '#FFFFFF' });
const darkForeground = palette({ default: '#FFFFFF', subtle: '#ADADAD', accent: '#7F85F5', good: '#92C353', warning: '#F8D22A', attention: '#F9526B', dark: '#242424', light: '#FFFFFF' });

export const TEAMS_LIGHT = {
    ...common,
    containerStyles: {
        default: { backgroundColor: '#FFFFFF', foregroundColors: lightForeground },
        emphasis: { backgroundColor: '#F5F5F5', foregroundColors: lightForeground },
        accent: { backgroundColor: '#E8EBFA', foregroundColors: lightForeground },
        good: { backgroundColor: '#E7F2DA', foregroundColors: lightForeground },
        attention: { backgroundColor: '#FCF4F6', foregroundColors: lightForeground },
        warning: { backgroundColor: '#FBF6D9', foregroundColors: lightForeground }
    }
};

export const TEAMS_DARK = {
    ...common,
    containerStyles: {
        default: { backgroundColor: '#292929', foregroundColors: darkForeground },
        emphasis: { backgroundColor: '#1F1F1F', foregroundColors: darkForeground },
        accent: { backgroundColor: '#2F2F4A', foregroundColors: darkForeground },
        good: { backgroundColor: '#0D2E0D', foregroundColors: darkForeground },
        attention: { backgroundColor: '#3E1F25', foregroundColors: darkForeground },
        warning: { backgroundColor: '#463100', foregroundColors: darkForeground }
    }
};
