import datetime as dt

import pytest
from docx import Document
from sqlalchemy.orm import Session

from jidu.export.brief import build_brief, column_widths, render_markdown, write_docx
from jidu.work import service
from work_data import LEAD, OTHER, add_users, at, known_quarter, ledger

NOW = at(2022, 10, 5)


@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    # 2022Q1 and 2022Q3 of the real corpus: 2022Q1 is the previous quarter in the ledger
    engine = ledger(tmp_path_factory.mktemp("brief"), stems=("000_758b895a77f27e86", "002_d72122a47cf86854"))
    with Session(engine) as session:
        users = add_users(session)
        entries = known_quarter(session, users)
        service.carry_over(session, users["sup"], entries[1].id, reason="跨季度推进", now=at(2022, 9, 30))
        session.commit()
        return build_brief(session, "2022Q3", now=NOW)


def test_brief_gathers_the_quarter(brief):
    assert brief.quarter == "2022Q3" and brief.previous == "2022Q1" and brief.as_of == dt.date(2022, 10, 5)
    assert len(brief.meetings) == 1 and brief.meetings[0].deployer == "龚正"
    assert len(brief.views) == 5
    assert [v.entry.id for v in brief.carried_out] == [brief.views[1].entry.id]
    assert brief.bulletin.by_status["carried_over"] == 1 and brief.bulletin.overdue == 1
    assert {(c.view.entry.title[:6], c.predecessor.quarter) for c in brief.continued} >= {("牢固树立安全", "2022Q1")}
    assert len(brief.new) + len(brief.continued) == 5
    assert brief.domains[0][1] == 1  # one entry per domain this quarter


def test_markdown_brief(brief):
    text = render_markdown(brief)
    assert text.startswith("# 2022Q3 重点工作督办情况简报\n\n截至2022年10月5日")
    for heading in ("一、本季度部署概况", "二、事项办理情况", "三、逾期与预警事项", "四、结转事项", "五、单位办理情况",
                    "六、与上季度相比"):
        assert f"## {heading}" in text
    assert "2022-07-01，上海市委季度工作会议部署 2022Q3 重点工作，龚正作部署，共 5 项。" in text
    assert "结转至 2022Q4，进度 50%" in text
    assert f"| 1 | {LEAD} |" in text and f"| 2 | {OTHER} |" in text
    assert "与 2022Q1 相比" in text


def test_docx_reads_back(brief, tmp_path):
    path = write_docx(brief, tmp_path / "brief.docx")
    doc = Document(str(path))
    paragraphs = [p for p in doc.paragraphs if p.text]
    assert paragraphs[0].text == "2022Q3 重点工作督办情况简报" and paragraphs[0].style.name == "Title"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、本季度部署概况", "二、事项办理情况", "三、逾期与预警事项", "四、结转事项",
                        "五、单位办理情况", "六、与上季度相比"]
    status = doc.tables[1]
    assert [c.text for c in status.rows[0].cells] == ["编号", "重点工作", "牵头单位", "截止日期", "状态", "进度", "预警"]
    assert len(status.rows) == 6
    assert status.rows[2].cells[4].text == "已结转" and status.rows[5].cells[2].text == "（未交办）"
    score = doc.tables[2]
    assert [r.cells[1].text for r in score.rows[1:]] == [LEAD, OTHER, "市发展改革委"]
    footer_xml = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    east_asian = doc.styles["Normal"].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east_asian == "宋体"
    assert doc.core_properties.title == "2022Q3 重点工作督办情况简报"


def test_column_widths_favour_long_text():
    widths = column_widths(["编号", "重点工作"], [["1", "全力以赴稳定经济增长，狠抓稳企业、保就业"]])
    assert widths[1] > widths[0] * 3
