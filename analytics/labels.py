"""Fixed domain vocabulary: the 5-level achievement scale and the next-step classes (Japanese,
as the city publishes them). UI translations live in ``analytics.i18n``."""

LEVEL_LABELS_JA = {
    1: "目標を大きく上回って達成",
    2: "目標を上回って達成",
    3: "ほぼ目標どおり",
    4: "目標を下回った",
    5: "目標を大きく下回った",
}

LEVEL_LABELS_EN = {
    1: "Far exceeded target",
    2: "Exceeded target",
    3: "Roughly on target",
    4: "Below target",
    5: "Far below target",
}

ON_TARGET_LEVELS = (1, 2, 3)  # 目標どおり以上

NEXT_STEP_LABELS_JA = {
    "Ⅰ": "現状のまま継続",
    "Ⅱ": "改善しながら継続",
    "Ⅲ": "事業規模拡大",
    "Ⅳ": "事業規模縮小",
    "Ⅴ": "事業廃止",
    "Ⅵ": "事業終了",
}

NEXT_STEP_LABELS_EN = {
    "Ⅰ": "Continue as is",
    "Ⅱ": "Continue with improvements",
    "Ⅲ": "Expand",
    "Ⅳ": "Scale down",
    "Ⅴ": "Abolish",
    "Ⅵ": "Completed",
}
