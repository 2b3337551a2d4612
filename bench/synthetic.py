"""A synthetic corpus for measurement only (issue 17): python bench/synthetic.py N [--out DIR]

Writes N valid policies into a temporary rules folder (never into rules/, never committed, never
on the site), with a copy of facts.yml and of the sources, and prints the folder. Each policy is
one of the five real rule files under a new id and a new place, so every amount form, condition,
text length and status of the real corpus occurs, spread over real GB/T 2260 province, city and
district codes at all three levels. Check it with:

    python -m calculators --rules DIR/rules --sources DIR/sources check
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calculators.build import compile as rules  # noqa: E402

# Real GB/T 2260 codes: (province, [(city, [district, ...]), ...]); names in zh and en.
PLACES = [
    (("320000", "江苏省", "Jiangsu Province"), [
        (("320100", "南京市", "Nanjing"), [("320102", "玄武区", "Xuanwu District"), ("320104", "秦淮区", "Qinhuai District")]),
        (("320500", "苏州市", "Suzhou"), [("320505", "虎丘区", "Huqiu District"), ("320583", "昆山市", "Kunshan (county-level city)"),
                                          ("320582", "张家港市", "Zhangjiagang (county-level city)")]),
        (("320200", "无锡市", "Wuxi"), [("320281", "江阴市", "Jiangyin (county-level city)")]),
    ]),
    (("330000", "浙江省", "Zhejiang Province"), [
        (("330100", "杭州市", "Hangzhou"), [("330106", "西湖区", "Xihu District"), ("330110", "余杭区", "Yuhang District")]),
        (("330600", "绍兴市", "Shaoxing"), [("330604", "上虞区", "Shangyu District"), ("330602", "越城区", "Yuecheng District")]),
        (("330200", "宁波市", "Ningbo"), [("330212", "鄞州区", "Yinzhou District")]),
    ]),
    (("340000", "安徽省", "Anhui Province"), [
        (("341500", "六安市", "Lu’an"), [("341504", "叶集区", "Yeji District"), ("341502", "金安区", "Jin’an District")]),
        (("340100", "合肥市", "Hefei"), [("340104", "蜀山区", "Shushan District")]),
    ]),
    (("440000", "广东省", "Guangdong Province"), [
        (("440700", "江门市", "Jiangmen"), [("440703", "蓬江区", "Pengjiang District")]),
        (("440300", "深圳市", "Shenzhen"), [("440305", "南山区", "Nanshan District")]),
        (("440100", "广州市", "Guangzhou"), [("440106", "天河区", "Tianhe District")]),
    ]),
    (("370000", "山东省", "Shandong Province"), [
        (("370200", "青岛市", "Qingdao"), [("370211", "黄岛区", "Huangdao District")]),
    ]),
    (("510000", "四川省", "Sichuan Province"), [
        (("510100", "成都市", "Chengdu"), [("510107", "武侯区", "Wuhou District")]),
    ]),
]


def _part(code, zh, en):
    return {"zh": zh, "en": en, "code": code}


def places():
    """Every place of the table, at every level: province, city, district."""
    for province, cities in PLACES:
        yield {"province": _part(*province)}
        for city, districts in cities:
            yield {"province": _part(*province), "city": _part(*city)}
            for district in districts:
                yield {"province": _part(*province), "city": _part(*city), "district": _part(*district)}


def generate(n: int, out: Path) -> Path:
    """Write n policies, facts.yml and the sources under ``out``; return the rules folder."""
    rules_dir, sources_dir = out / "rules", out / "sources"
    rules_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(rules.SOURCES, sources_dir, dirs_exist_ok=True)
    shutil.copy(rules.RULES / rules.DICTIONARY, rules_dir / rules.DICTIONARY)
    loader, dumper = getattr(yaml, "CSafeLoader", yaml.SafeLoader), getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    templates = [yaml.load(p.read_text(encoding="utf-8"), Loader=loader) for p in sorted(rules.RULES.glob("*.yml"))
                 if p.name != rules.DICTIONARY]
    for i, (template, place) in enumerate(zip(itertools.cycle(templates), itertools.cycle(list(places())))):
        if i == n:
            break
        policy = dict(template, id=f"synthetic-{i:04d}-{template['id']}", place=place)
        where = place.get("district", place.get("city", place["province"]))
        policy["short_title"] = {"zh": f"{where['zh']}：{template['short_title']['zh']}（合成）",
                                 "en": f"{where['en']}: {template['short_title']['en']} (synthetic)"}
        (rules_dir / f"{policy['id']}.yml").write_text(
            yaml.dump(policy, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    return rules_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--out", type=Path, help="a folder to write into (default: a new temporary folder)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="synthetic-"))
    print(generate(args.n, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
