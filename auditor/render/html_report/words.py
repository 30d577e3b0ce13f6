"""The page's own words in each language (the rest are the console renderer's WORDS)."""

from __future__ import annotations

from auditor.render.markdown import HEAD as MARKDOWN_HEAD

HEAD = {
    "zh": {
        "title": MARKDOWN_HEAD["zh"]["title"], "batch": "汇总", "file": "文件", "doc_title": "标题",
        "findings": "问题", "tables": "统计表", "table": "表{number}", "narrative": "正文中的数字",
        "others": "其他含数字的段落（{count} 段）", "no_tables": "文档中没有读到表格。",
        "no_narrative": "正文中没有读到数字。", "back": "↑ 汇总",
        "unlocated": "（未能在下文定位）",
        "to_finding": "问题 {number}：{rule}", "suppressed": "已抑制", "baselined": "已列入基线",
        "legend": "图例", "place": "位置", "page": "第{page}页",
    },
    "en": {
        "title": MARKDOWN_HEAD["en"]["title"], "batch": "Summary", "file": "file", "doc_title": "title",
        "findings": "Findings", "tables": "Statistics tables", "table": "Table {number}",
        "narrative": "Figures in the text", "others": "Other paragraphs that state figures ({count})",
        "no_tables": "No tables were read in the document.", "no_narrative": "No figures were read in the text.",
        "back": "↑ summary", "unlocated": "(not located below)", "to_finding": "finding {number}: {rule}",
        "suppressed": "suppressed", "baselined": "baselined", "legend": "legend", "place": "place",
        "page": "p. {page}",
    },
}
