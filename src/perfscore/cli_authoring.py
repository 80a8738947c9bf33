"""Commands of the authoring capability (registered on the main app by cli.py). Keep imports light."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer


class Kind(str, Enum):
    self_ = "自评"
    department = "部门评价"
    finance = "财政评价"


class ImportFormat(str, Enum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""

    @app.command()
    def new(
        set_: str = typer.Option(..., "--set", "-s", help="指标体系：文件路径，或编号（在 indicator_sets/ 中查找）"),
        output: Path = typer.Option(..., "--output", "-o", help="要生成的评价文件（YAML）"),
        project: Optional[str] = typer.Option(None, "--project", help="项目名称"),
        department: Optional[str] = typer.Option(None, "--department", help="主管部门"),
        implementer: Optional[str] = typer.Option(None, "--implementer", help="实施单位"),
        year: Optional[int] = typer.Option(None, "--year", help="年度（默认取指标体系编号开头的年份）"),
        kind: Kind = typer.Option(Kind.self_, "--kind", help="评价类型"),
        force: bool = typer.Option(False, "--force", help="覆盖已存在的文件"),
    ) -> None:
        """按指标体系生成评价表骨架：列出每个三级指标及其目标值与分值，待填实际完成值。"""
        from .authoring.new import write

        sk = write(set_, str(output), force, project=project, department=department, implementer=implementer,
                   year=year, kind=kind.value)
        count = len(sk.indicator_set.leaves())
        typer.echo(f"已生成 {output}：{count} 个三级指标待填（指标体系 {sk.indicator_set.indicator_set}）")
        if not sk.findable:
            typer.echo(f"提示：从 {output} 所在目录向上找不到指标体系“{sk.indicator_set.indicator_set}”；"
                       f"计分前请把 {sk.set_path} 放到评价文件所在目录或其上级的 indicator_sets/ 目录中", err=True)

    @app.command("import")
    def import_(
        workbook: Path = typer.Argument(..., help="Excel 自评表（.xlsx），可含多个项目工作表"),
        output: Path = typer.Option(Path("."), "--output", "-o",
                                    help="输出目录：写入其下 indicator_sets/ 与 evaluations/"),
        extends: str = typer.Option("mof-2020-self", "--extends", help="指标体系继承的框架；写 none 表示不继承"),
        year: Optional[int] = typer.Option(None, "--year", help="年度（表中没有时指定）"),
        force: bool = typer.Option(False, "--force", help="覆盖已存在的文件"),
        format: ImportFormat = typer.Option(ImportFormat.text, "--format", "-f", help="问题清单的输出格式"),
    ) -> int:
        """导入 Excel 自评表：每个项目工作表生成一个指标体系和一份评价（申报数值照录），无法识别的单元格逐一列出。"""
        from .authoring.importer import write_import

        done = write_import(str(workbook), str(output), None if extends.lower() == "none" else extends, year, force)
        if format is ImportFormat.json:
            import json

            typer.echo(json.dumps({"files": done.files, "findings": [f.to_dict() for f in done.findings],
                                   "problems": done.problems}, ensure_ascii=False, indent=2))
        else:
            for path in done.files:
                typer.echo(f"已写入 {path}")
            for finding in done.findings:
                typer.echo(str(finding), err=True)
            for problem in done.problems:
                typer.echo(problem, err=True)
            unread = sum(f.severity != "notice" for f in done.findings)
            notes = len(done.findings) - unread
            typer.echo(f"导入完成：{done.projects} 个项目，{unread} 处单元格未能识别"
                       + (f"，{notes} 条提示" if notes else "")
                       + (f"，{len(done.problems)} 处导入结果无法读取" if done.problems else ""))
        failed = done.problems or any(f.severity == "error" for f in done.findings)
        raise typer.Exit(1 if failed else 0)

    @app.command()
    def record(
        evaluation: Path = typer.Argument(..., help="评价文件（YAML）"),
        indicator: str = typer.Argument(..., help="指标名称，或路径后缀“二级 > 三级”"),
        value: str = typer.Argument(..., help="实际完成值，照录：12、92.5、90.21%、全年、是"),
        note: Optional[str] = typer.Option(None, "--note", help="同时写入偏差原因分析及改进措施（deviation）"),
    ) -> None:
        """在评价文件中原地记录一项实际完成值：只改这一处，注释与格式保持不变。"""
        import perfscore
        from .authoring.record import record as do_record
        from .numbers import fmt

        from .yamlio import locate

        plan = do_record(str(evaluation), indicator, value, note)
        line, col = locate(str(evaluation), ["results", plan.key, plan.field], plan.new)
        card = perfscore.score(perfscore.load_evaluation(str(evaluation)))
        item = next(i for i in card.indicators if i.path == plan.indicator)
        shown = f"{fmt(item.score)}/{fmt(item.weight)}" if item.score is not None else item.explanation
        typer.echo(f"{evaluation}:{line}:{col}: 已记录 {' > '.join(plan.indicator)}：{plan.field} = {value}（得分 {shown}）")

    @app.command()
    def schema(
        output: Path = typer.Option(Path("schemas"), "--output", "-o", help="输出目录"),
    ) -> None:
        """生成指标体系、评价与汇总文件的 JSON Schema，供编辑器补全与校验。"""
        from .authoring.schema import MARK, write

        for path in write(str(output)):
            typer.echo(f"已写入 {path}")
        typer.echo(f"在 YAML 文件首行写“{MARK}<相对路径>/evaluation.schema.json”即可启用补全")
