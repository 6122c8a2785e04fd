#!/usr/bin/python3
"""Write the synthetic residents samples of samples/quality/.

Run from anywhere:  /usr/bin/python3 samples/quality/make-residents.py [OUTDIR]

Everything is made from a fixed seed, so a re-run writes the same bytes.
Outputs (all small, committed):

  residents.csv          ~400 rows with planted problems of every check code
  residents-gbk.csv      the same file in GBK
  residents-clean.csv    480 rows that satisfy the schema (no finding)
  residents-header.csv   a short file whose header has a blank and a repeated cell
  communities.csv        the referenced table of the foreign key
  residents.schema.json  Table Schema with govkit's extensions
  PLANTED.json           every planted problem: [row, column, check] (the
                         format of ../shared/conformance/frictionless/expected.json)
  PLANTED.md             the same for people

Rows are spreadsheet rows: the header is row 1.  Column numbers are 1-based.
The planted file is meant to be checked with --today 2025-10-15 and
--ref communities=communities.csv.
"""

import datetime
import json
import os
import random
import sys

SEED = 20251015
TODAY = datetime.date(2025, 10, 15)
PLANTED_ROWS = 400          # data rows of residents.csv before plants
CLEAN_ROWS = 480            # data rows of residents-clean.csv
HEADER_ROWS = 20            # data rows of residents-header.csv
ROW_COUNT_MIN = 450         # schema rowCount.minimum: the planted file is short
ROW_COUNT_MAX = 100000
FRESH_DAYS = 90             # schema freshness.maxAgeDays
STALE_NEWEST = datetime.date(2025, 6, 30)   # newest updated_at of residents.csv
FRESH_NEWEST = datetime.date(2025, 10, 10)  # newest updated_at of the clean file

# ---------------------------------------------------------------- identifiers

RIC_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
RIC_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def ric_check(d17):
    return RIC_CHECK[sum(int(c) * w for c, w in zip(d17, RIC_WEIGHTS)) % 11]


def orgcode_check(c8):
    def val(c):
        return int(c) if c.isdigit() else ord(c) - ord("A") + 10
    r = 11 - sum(val(c) * w for c, w in zip(c8, ORG_WEIGHTS)) % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


def uscc_check(c17):
    s = sum(USCC_ALPHABET.index(c) * w for c, w in zip(c17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - s % 31) % 31]


def make_ric(region, birth, seq, male):
    # sequence: 3 digits, odd for men, even for women
    seq = seq * 2 + (1 if male else 0)
    d17 = "%s%s%03d" % (region, birth.strftime("%Y%m%d"), seq % 1000)
    return d17 + ric_check(d17)


def make_uscc(rng, region):
    while True:
        org8 = "".join(rng.choice("0123456789") for _ in range(8))
        org = org8 + orgcode_check(org8)
        if org[-1] in USCC_ALPHABET:
            break
    c17 = "91" + region + org
    return c17 + uscc_check(c17)


def wrong_check(good, alphabet):
    """The same number with a wrong (but well-formed) check character."""
    last = good[-1]
    i = alphabet.index(last)
    return good[:-1] + alphabet[(i + 3) % len(alphabet)]


# ---------------------------------------------------------------- people

# Tongliao: Horqin district and the banners and counties around it; 1523xx
# are the codes of the old Jirim league, still in many older ID numbers.
BIRTH_REGIONS = ["150502"] * 10 + ["150521", "150522", "150523", "150524",
                                   "150525", "150526", "150581",
                                   "152301", "152322", "152324"] * 1 + \
    ["150102", "210102", "220104", "130102"]
EMPLOYER_REGIONS = ["150502", "150502", "150502", "150521", "150523", "150581"]

HAN_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
HAN_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英玉兰萍毅浩宇轩子涵欣怡梓晨思雨佳琪雅婷志鹏海燕春梅建华国庆红梅晓东丹丹亮鑫博文"
MONGOL_NAMES = ["包金山", "白音仓", "宝音", "乌力吉", "那仁花", "其木格",
                "巴特尔", "额尔敦", "苏日娜", "朝鲁", "阿拉坦", "斯琴",
                "包·巴雅尔", "白·其其格", "吴·敖其尔", "萨仁图雅", "图门",
                "哈斯", "格日勒", "敖登"]

STREETS = ["明仁大街", "建国路", "和平路", "交通路", "永安街", "红星街",
           "科尔沁大街", "霍林河大街", "民主路", "新工二路", "胜利路", "滨河大道"]
COMPOUNDS = ["金色家园", "铁路小区", "世纪花园", "怡馨园", "华城小区",
             "广场小区", "清河城", "锦绣华庭", "阳光嘉苑", "滨河家园"]

COMMUNITIES = [
    ("150502001001", "明仁社区", "明仁街道", "028000"),
    ("150502001002", "团结社区", "明仁街道", "028000"),
    ("150502002001", "科尔沁社区", "科尔沁街道", "028000"),
    ("150502002002", "和平社区", "科尔沁街道", "028000"),
    ("150502003001", "红星社区", "红星街道", "028000"),
    ("150502003002", "永安社区", "红星街道", "028000"),
    ("150502004001", "施介社区", "施介街道", "028000"),
    ("150502005001", "建国社区", "建国街道", "028000"),
    ("150502006001", "清河社区", "清河街道", "028000"),
    ("150502007001", "钱家店社区", "钱家店镇", "028011"),
    ("150502008001", "大林社区", "大林镇", "028006"),
    ("150502009001", "木里图社区", "木里图镇", "028001"),
]
UNKNOWN_COMMUNITIES = ["150502099001", "150502010009", "150521001001"]

MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138",
                   "139", "150", "151", "152", "155", "156", "157", "158",
                   "159", "166", "170", "176", "177", "180", "181", "182",
                   "183", "185", "186", "187", "188", "189", "191", "198"]

FIELDS = ["id_no", "name", "gender", "birth_date", "household_id", "status",
          "registered_on", "updated_at", "mobile", "household_size",
          "community_code", "address", "postcode", "employer_uscc",
          "monthly_income", "insured", "moved_out_on", "email"]
COL = {f: i + 1 for i, f in enumerate(FIELDS)}


class People:
    def __init__(self, rng):
        self.rng = rng
        self.seq = 0
        self.mobiles = set()
        self.households = []
        self.employers = [make_uscc(rng, rng.choice(EMPLOYER_REGIONS))
                          for _ in range(25)]

    def mobile(self):
        while True:
            m = self.rng.choice(MOBILE_PREFIXES) + "%08d" % self.rng.randrange(10 ** 8)
            if m not in self.mobiles:
                self.mobiles.add(m)
                return m

    def name(self, mongol):
        rng = self.rng
        if mongol:
            return rng.choice(MONGOL_NAMES)
        given = "".join(rng.choice(HAN_GIVEN) for _ in range(rng.choice([1, 2, 2])))
        return rng.choice(HAN_SURNAMES) + given

    def household(self):
        rng = self.rng
        if self.households and rng.random() < 0.35:
            return rng.choice(self.households)
        h = {"id": "H%08d" % rng.randrange(10 ** 8),
             "community": rng.choice(COMMUNITIES),
             "street": rng.choice(STREETS), "compound": rng.choice(COMPOUNDS),
             "building": rng.randrange(1, 30), "unit": rng.randrange(1, 7),
             "room": rng.randrange(1, 18) * 100 + rng.randrange(1, 5),
             "size": rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6])}
        self.households.append(h)
        return h

    def person(self, newest_update):
        rng = self.rng
        self.seq += 1
        male = rng.random() < 0.5
        birth = datetime.date(1935, 1, 1) + datetime.timedelta(
            days=rng.randrange((datetime.date(2024, 12, 31) - datetime.date(1935, 1, 1)).days))
        region = rng.choice(BIRTH_REGIONS)
        ric = make_ric(region, birth, self.seq % 500, male)
        h = self.household()
        comm = h["community"]
        reg_start = max(birth, datetime.date(1995, 1, 1))
        registered = reg_start + datetime.timedelta(
            days=rng.randrange(max(1, (datetime.date(2025, 6, 1) - reg_start).days)))
        status = rng.choices(["常住", "暂住", "迁出"], [80, 15, 5])[0]
        moved = ""
        if status == "迁出":
            moved = (registered + datetime.timedelta(days=rng.randrange(30, 2000)))
            moved = min(moved, datetime.date(2025, 6, 1)).isoformat()
        upd_day = newest_update - datetime.timedelta(days=rng.randrange(0, 400))
        upd_day = max(upd_day, registered)
        updated = "%sT%02d:%02d:%02d" % (upd_day.isoformat(), rng.randrange(8, 18),
                                         rng.randrange(60), rng.randrange(60))
        address = "内蒙古自治区通辽市科尔沁区%s%s号%s%d号楼%d单元%d室" % (
            h["street"], rng.randrange(1, 300), h["compound"], h["building"],
            h["unit"], h["room"])
        adult = (TODAY - birth).days >= 18 * 365
        working = adult and birth.year >= 1962 and rng.random() < 0.7
        return {
            "id_no": ric,
            "name": self.name(rng.random() < 0.2),
            "gender": "男" if male else "女",
            "birth_date": birth.isoformat(),
            "household_id": h["id"],
            "status": status,
            "registered_on": registered.isoformat(),
            "updated_at": updated,
            "mobile": self.mobile() if adult and rng.random() < 0.9 else "",
            "household_size": str(h["size"]),
            "community_code": comm[0],
            "address": address,
            "postcode": comm[3],
            "employer_uscc": rng.choice(self.employers) if working else "",
            "monthly_income": ("%.2f" % (rng.randrange(1800, 15000) + rng.choice([0, 0.5])))
            if working else ("0" if adult and rng.random() < 0.3 else ""),
            "insured": rng.choice(["是", "是", "是", "否"]),
            "moved_out_on": moved,
            "email": ("%s%d@%s" % (rng.choice(["li", "wang", "zhang", "bao", "tl"]),
                                   rng.randrange(100, 9999),
                                   rng.choice(["163.com", "qq.com", "126.com"])))
            if adult and rng.random() < 0.25 else "",
        }


# ---------------------------------------------------------------- CSV bytes

def csv_field(v):
    if any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def csv_line(cells):
    return ",".join(csv_field(c) for c in cells) + "\r\n"


# A cell whose bytes are not valid in the encoding: split around this
# marker, 0xFF (never valid in GBK or GB18030) goes in its place in the GBK
# copy.  The UTF-8 file leaves it out: csv.c reads a file whose first block
# is not valid UTF-8 as GB18030, so one bad byte there would turn the whole
# file into GB18030 (see PLANTED.md).
BAD_MARK = "\ufff0"
BAD_BYTES = b"\xff"


def encode_text(text, encoding):
    parts = text.split(BAD_MARK)
    if encoding == "utf-8":
        return b"".join(p.encode(encoding) for p in parts)
    return BAD_BYTES.join(p.encode(encoding) for p in parts)


# ---------------------------------------------------------------- the files

def schema():
    return {
        "$comment": "Residents register of Horqin district (synthetic). "
                    "Made by samples/quality/make-residents.py.",
        "fields": [
            {"name": "id_no", "title": "公民身份号码", "type": "string", "format": "cn-ric",
             "constraints": {"required": True}},
            {"name": "name", "title": "姓名", "type": "string",
             "constraints": {"required": True, "minLength": 2, "maxLength": 20}},
            {"name": "gender", "title": "性别", "type": "string",
             "constraints": {"required": True, "enum": ["男", "女"]}},
            {"name": "birth_date", "title": "出生日期", "type": "date",
             "constraints": {"required": True, "minimum": "1900-01-01"}},
            {"name": "household_id", "title": "户号", "type": "string",
             "constraints": {"required": True, "pattern": "H[0-9]{8}"}},
            {"name": "status", "title": "户籍状态", "type": "string",
             "constraints": {"required": True, "enum": ["常住", "暂住", "迁出"]}},
            {"name": "registered_on", "title": "登记日期", "type": "date",
             "constraints": {"required": True}},
            {"name": "updated_at", "title": "更新时间", "type": "datetime",
             "constraints": {"required": True}},
            {"name": "mobile", "title": "手机号码", "type": "string", "format": "cn-mobile",
             "constraints": {"unique": True}},
            {"name": "household_size", "title": "户内人数", "type": "integer",
             "constraints": {"minimum": 1, "maximum": 12}},
            {"name": "community_code", "title": "社区代码", "type": "string"},
            {"name": "address", "title": "住址", "type": "string"},
            {"name": "postcode", "title": "邮政编码", "type": "string", "format": "cn-postcode"},
            {"name": "employer_uscc", "title": "工作单位统一社会信用代码", "type": "string",
             "format": "cn-uscc"},
            {"name": "monthly_income", "title": "月收入（元）", "type": "number",
             "constraints": {"minimum": 0}},
            {"name": "insured", "title": "是否参保", "type": "boolean",
             "trueValues": ["是"], "falseValues": ["否"]},
            {"name": "moved_out_on", "title": "迁出日期", "type": "date"},
            {"name": "email", "title": "电子邮箱", "type": "string", "format": "email"},
        ],
        "missingValues": [""],
        "primaryKey": ["id_no"],
        "foreignKeys": [
            {"fields": ["community_code"],
             "reference": {"resource": "communities", "fields": ["code"]}},
        ],
        "rules": [
            {"name": "registered-after-birth",
             "assert": "registered_on >= birth_date", "severity": "error"},
            {"name": "moved-out-after-registration",
             "assert": "moved_out_on is null or moved_out_on >= registered_on",
             "severity": "error"},
        ],
        "freshness": {"field": "updated_at", "maxAgeDays": FRESH_DAYS},
        "rowCount": {"minimum": ROW_COUNT_MIN, "maximum": ROW_COUNT_MAX},
    }


class Planted:
    """The planted file, built row by row with its expected findings."""

    def __init__(self, header):
        self.header = header
        self.rows = []      # list of (cells or None for a raw line, raw text)
        self.must = []
        self.also = []
        self.notes = []
        self.gbk_only = []

    def next_row(self):
        return len(self.rows) + 2

    def add(self, cells, raw=None):
        self.rows.append((cells, raw))
        return len(self.rows) + 1

    def expect(self, row, field, check, note, value=None, only=None):
        col = None
        if isinstance(field, int):
            col, name = field, self.header[field - 1] if field <= len(self.header) else None
        elif field is not None:
            col, name = self.header.index(field) + 1, field
        else:
            name = None
        note = {"row": row, "column": col, "field": name, "check": check,
                "value": value, "note": note}
        if only:
            note["only_in"] = only
            self.gbk_only.append([row, col, check])
        else:
            self.must.append([row, col, check])
        self.notes.append(note)

    def allow(self, row, col, check):
        self.also.append([row, col, check])


def build_planted(rng, people, header):
    """residents.csv: PLANTED_ROWS good rows with problems planted at fixed
    places, each row carrying one problem (and what follows from it)."""
    P = Planted(header)
    good = [people.person(STALE_NEWEST) for _ in range(PLANTED_ROWS)]
    # the newest update is STALE_NEWEST exactly, so freshness fails by a known margin
    good[7]["updated_at"] = STALE_NEWEST.isoformat() + "T16:30:00"
    # embedded newlines: rows stay spreadsheet rows
    for i in (3, 40, 41, 150):
        good[i]["address"] = good[i]["address"].replace("号楼", "号楼\n", 1)

    def cells(p):
        return [p.get(h, "") for h in header]

    plants = {}   # index in good -> function(person) -> row handled

    def at(i):
        def deco(fn):
            plants[i] = fn
            return fn
        return deco

    ric_alpha = "0123456789X"

    # ---- accuracy: format
    @at(10)
    def _(p):
        right = p["id_no"][-1]
        p["id_no"] = wrong_check(p["id_no"], ric_alpha)
        r = P.add(cells(p))
        P.expect(r, "id_no", "format", "wrong check character (expected %s)" % right, p["id_no"])

    @at(25)
    def _(p):
        p["id_no"] = wrong_check(p["id_no"], ric_alpha)
        r = P.add(cells(p))
        P.expect(r, "id_no", "format", "wrong check character", p["id_no"])

    @at(60)
    def _(p):
        p["id_no"] = p["id_no"][:17] + ("X" if p["id_no"][17] != "X" else "0")
        r = P.add(cells(p))
        P.expect(r, "id_no", "format", "wrong check character X/0", p["id_no"])

    @at(33)
    def _(p):
        d17 = p["id_no"][:6] + "19870231" + p["id_no"][14:17]
        p["id_no"] = d17 + ric_check(d17)
        r = P.add(cells(p))
        P.expect(r, "id_no", "format", "birth date 1987-02-31 does not exist (check character right)", p["id_no"])

    @at(47)
    def _(p):
        d17 = "150502" + "20260314" + p["id_no"][14:17]
        p["id_no"] = d17 + ric_check(d17)
        r = P.add(cells(p))
        P.expect(r, "id_no", "format", "birth date in the future (check character right)", p["id_no"])

    @at(71)
    def _(p):
        d17 = "990502" + p["id_no"][6:17]
        p["id_no"] = d17 + ric_check(d17)
        r = P.add(cells(p))
        P.expect(r, "id_no", "format", "region 99 is no province (check character right)", p["id_no"])

    @at(88)
    def _(p):
        p["id_no"] = p["id_no"][:6] + p["id_no"][8:17]   # 15-digit legacy number
        r = P.add(cells(p))
        P.expect(r, "id_no", "format", "15-digit legacy number (a warning)", p["id_no"])

    @at(95)
    def _(p):
        p["id_no"] = p["id_no"][:10] + "O" + p["id_no"][11:]
        r = P.add(cells(p))
        P.expect(r, "id_no", "format", "letter O in place of a digit", p["id_no"])

    @at(102)
    def _(p):
        p["mobile"] = "1234567890"
        r = P.add(cells(p))
        P.expect(r, "mobile", "format", "10 digits", p["mobile"])

    @at(118)
    def _(p):
        p["mobile"] = "2" + people.mobile()[1:]
        r = P.add(cells(p))
        P.expect(r, "mobile", "format", "does not start with 1", p["mobile"])

    @at(124)
    def _(p):
        p["postcode"] = "02800"
        r = P.add(cells(p))
        P.expect(r, "postcode", "format", "5 digits", p["postcode"])

    @at(131)
    def _(p):
        p["employer_uscc"] = wrong_check(people.employers[0], USCC_ALPHABET)
        r = P.add(cells(p))
        P.expect(r, "employer_uscc", "format", "wrong check character", p["employer_uscc"])

    @at(137)
    def _(p):
        u = people.employers[1]
        p["employer_uscc"] = u[:5] + "I" + u[6:]
        r = P.add(cells(p))
        P.expect(r, "employer_uscc", "format", "letter I is not in the alphabet", p["employer_uscc"])

    @at(142)
    def _(p):
        # right USCC check character, wrong check character of the embedded
        # organization code
        u = people.employers[2]
        org = u[8:17]
        org = org[:8] + ("0" if org[8] != "0" else "1")
        c17 = u[:8] + org
        p["employer_uscc"] = c17 + uscc_check(c17)
        r = P.add(cells(p))
        P.expect(r, "employer_uscc", "format", "embedded organization code has a wrong check character", p["employer_uscc"])

    # ---- completeness: required
    @at(150 + 5)
    def _(p):
        p["name"] = ""
        r = P.add(cells(p))
        P.expect(r, "name", "required", "name empty")

    @at(161)
    def _(p):
        p["gender"] = ""
        r = P.add(cells(p))
        P.expect(r, "gender", "required", "gender empty")

    @at(166)
    def _(p):
        p["id_no"] = ""
        r = P.add(cells(p))
        P.expect(r, "id_no", "required", "id_no empty (primary key)")
        P.allow(r, COL["id_no"], "primary-key")
        P.allow(r, None, "primary-key")

    @at(172)
    def _(p):
        p["registered_on"] = ""
        p["status"] = "常住"
        p["moved_out_on"] = ""
        r = P.add(cells(p))
        P.expect(r, "registered_on", "required", "registered_on empty")

    @at(178)
    def _(p):
        p["household_id"] = ""
        r = P.add(cells(p))
        P.expect(r, "household_id", "required", "household_id empty")

    # ---- conformity: type
    @at(183)
    def _(p):
        p["household_size"] = "三"
        r = P.add(cells(p))
        P.expect(r, "household_size", "type", "not an integer", "三")

    @at(187)
    def _(p):
        p["household_size"] = "2.5"
        r = P.add(cells(p))
        P.expect(r, "household_size", "type", "not an integer", "2.5")

    @at(190)
    def _(p):
        p["monthly_income"] = "3千"
        r = P.add(cells(p))
        P.expect(r, "monthly_income", "type", "not a number", "3千")

    @at(194)
    def _(p):
        p["birth_date"] = p["birth_date"].replace("-", "/")
        r = P.add(cells(p))
        P.expect(r, "birth_date", "type", "slashes: not an ISO date", p["birth_date"])

    @at(198)
    def _(p):
        p["registered_on"] = "2020-02-30"
        r = P.add(cells(p))
        P.expect(r, "registered_on", "type", "no such day", "2020-02-30")

    @at(203)
    def _(p):
        p["insured"] = "maybe"
        r = P.add(cells(p))
        P.expect(r, "insured", "type", "not one of the true/false values", "maybe")

    @at(207)
    def _(p):
        p["updated_at"] = "昨天"
        r = P.add(cells(p))
        P.expect(r, "updated_at", "type", "not a datetime", "昨天")

    # ---- conformity: enum, pattern, lengths
    @at(211)
    def _(p):
        p["gender"] = "M"
        r = P.add(cells(p))
        P.expect(r, "gender", "enum", "not 男/女", "M")

    @at(215)
    def _(p):
        p["gender"] = "未知"
        r = P.add(cells(p))
        P.expect(r, "gender", "enum", "not 男/女", "未知")

    @at(219)
    def _(p):
        p["status"] = "死亡"
        r = P.add(cells(p))
        P.expect(r, "status", "enum", "not 常住/暂住/迁出", "死亡")

    @at(223)
    def _(p):
        p["household_id"] = "H1234567"
        r = P.add(cells(p))
        P.expect(r, "household_id", "pattern", "7 digits", "H1234567")

    @at(227)
    def _(p):
        p["household_id"] = "h" + p["household_id"][1:]
        r = P.add(cells(p))
        P.expect(r, "household_id", "pattern", "lowercase h", p["household_id"])

    @at(231)
    def _(p):
        p["household_id"] = "XH" + p["household_id"][1:]
        r = P.add(cells(p))
        P.expect(r, "household_id", "pattern", "prefix before H: the pattern is anchored", p["household_id"])

    @at(235)
    def _(p):
        p["name"] = "王"
        r = P.add(cells(p))
        P.expect(r, "name", "min-length", "one character", "王")

    @at(239)
    def _(p):
        p["name"] = "阿卜杜热合曼·买买提艾力·库尔班尼亚孜·吐尔逊"
        r = P.add(cells(p))
        P.expect(r, "name", "max-length", "%d characters" % len(p["name"]), p["name"])

    # ---- accuracy: minimum / maximum
    @at(243)
    def _(p):
        p["household_size"] = "0"
        r = P.add(cells(p))
        P.expect(r, "household_size", "minimum", "0 < 1", "0")

    @at(247)
    def _(p):
        p["household_size"] = "25"
        r = P.add(cells(p))
        P.expect(r, "household_size", "maximum", "25 > 12", "25")

    @at(251)
    def _(p):
        p["monthly_income"] = "-500"
        r = P.add(cells(p))
        P.expect(r, "monthly_income", "minimum", "negative income", "-500")

    @at(255)
    def _(p):
        p["birth_date"] = "1890-05-01"
        r = P.add(cells(p))
        P.expect(r, "birth_date", "minimum", "before 1900-01-01", "1890-05-01")

    # ---- consistency: unique, primary key, foreign key, duplicate row, rules
    def first_with_mobile(i):
        while not P.rows[i][0][header.index("mobile")] or i in plants:
            i += 1
        return i

    @at(259)
    def _(p):
        i = first_with_mobile(4)
        p["mobile"] = P.rows[i][0][header.index("mobile")]
        r = P.add(cells(p))
        P.expect(r, "mobile", "unique", "same mobile as row %d" % (i + 2), p["mobile"])

    @at(263)
    def _(p):
        i = first_with_mobile(19)
        p["mobile"] = P.rows[i][0][header.index("mobile")]
        r = P.add(cells(p))
        P.expect(r, "mobile", "unique", "same mobile as row %d" % (i + 2), p["mobile"])

    @at(267)
    def _(p):
        first = P.rows[50][0]  # row 52
        p["id_no"] = first[0]
        r = P.add(cells(p))
        P.expect(r, "id_no", "primary-key", "same id_no as row 52 (another person)", p["id_no"])
        P.allow(r, None, "primary-key")

    @at(271)
    def _(p):
        first = P.rows[120][0]  # row 122
        p["id_no"] = first[0]
        r = P.add(cells(p))
        P.expect(r, "id_no", "primary-key", "same id_no as row 122 (another person)", p["id_no"])
        P.allow(r, None, "primary-key")

    @at(275)
    def _(p):
        first = P.rows[30][0]  # row 32: delivered twice
        r = P.add(list(first))
        P.expect(r, None, "duplicate-row", "identical to row 32")
        P.expect(r, "id_no", "primary-key", "same id_no as row 32 (the duplicate row)", first[0])
        P.allow(r, None, "primary-key")
        if first[header.index("mobile")]:
            P.expect(r, "mobile", "unique", "same mobile as row 32 (the duplicate row)",
                     first[header.index("mobile")])

    @at(279)
    def _(p):
        p["community_code"] = UNKNOWN_COMMUNITIES[0]
        r = P.add(cells(p))
        P.expect(r, "community_code", "foreign-key", "no such community", p["community_code"])

    @at(283)
    def _(p):
        p["community_code"] = UNKNOWN_COMMUNITIES[1]
        r = P.add(cells(p))
        P.expect(r, "community_code", "foreign-key", "no such community", p["community_code"])

    @at(287)
    def _(p):
        p["community_code"] = UNKNOWN_COMMUNITIES[2]
        r = P.add(cells(p))
        P.expect(r, "community_code", "foreign-key", "community of another banner", p["community_code"])

    @at(291)
    def _(p):
        b = datetime.date.fromisoformat(p["birth_date"])
        p["registered_on"] = (b - datetime.timedelta(days=40)).isoformat()
        p["moved_out_on"] = ""
        p["status"] = "常住"
        r = P.add(cells(p))
        P.expect(r, None, "rule", "registered-after-birth: registered 40 days before birth")

    @at(295)
    def _(p):
        b = datetime.date.fromisoformat(p["birth_date"])
        p["registered_on"] = (b - datetime.timedelta(days=1)).isoformat()
        p["moved_out_on"] = ""
        p["status"] = "常住"
        r = P.add(cells(p))
        P.expect(r, None, "rule", "registered-after-birth: registered the day before birth")

    @at(299)
    def _(p):
        reg = datetime.date.fromisoformat(p["registered_on"])
        p["status"] = "迁出"
        p["moved_out_on"] = (reg - datetime.timedelta(days=100)).isoformat()
        r = P.add(cells(p))
        P.expect(r, None, "rule", "moved-out-after-registration: moved out 100 days before registration")

    @at(303)
    def _(p):
        reg = datetime.date.fromisoformat(p["registered_on"])
        p["status"] = "迁出"
        p["moved_out_on"] = (reg - datetime.timedelta(days=3)).isoformat()
        r = P.add(cells(p))
        P.expect(r, None, "rule", "moved-out-after-registration: moved out 3 days before registration")

    # ---- completeness: blank rows, ragged rows
    @at(307)
    def _(p):
        r = P.add(None, "")
        P.expect(r, None, "blank-row", "empty line")
        r = P.add(cells(p))

    @at(311)
    def _(p):
        r = P.add([""] * len(header))
        P.expect(r, None, "blank-row", "a line of commas only")
        P.allow(r, None, "duplicate-row")   # same as the other blank rows
        r = P.add(cells(p))

    @at(315)
    def _(p):
        r = P.add(None, "")
        P.expect(r, None, "blank-row", "empty line")
        P.allow(r, None, "duplicate-row")
        r = P.add(cells(p))

    @at(319)
    def _(p):
        c = cells(p)[:12]
        r = P.add(c)
        for col in range(13, len(header) + 1):
            P.expect(r, col, "missing-cell", "row cut after the address")

    @at(323)
    def _(p):
        c = cells(p)[:16]
        r = P.add(c)
        for col in range(17, len(header) + 1):
            P.expect(r, col, "missing-cell", "row cut after insured")

    @at(327)
    def _(p):
        c = cells(p) + ["备用"]
        r = P.add(c)
        P.expect(r, len(header) + 1, "extra-cell", "one cell too many", "备用")

    @at(331)
    def _(p):
        c = cells(p) + ["", "x"]
        r = P.add(c)
        P.expect(r, len(header) + 1, "extra-cell", "two cells too many")
        P.expect(r, len(header) + 2, "extra-cell", "two cells too many", "x")

    # ---- accessibility: encoding (late in the file: past the sampled block)
    @at(390)
    def _(p):
        p["name"] = p["name"][0] + BAD_MARK + p["name"][1:]
        r = P.add(cells(p))
        P.expect(r, "name", "encoding", "byte 0xFF in the name (GBK copy only)",
                 only="residents-gbk.csv")

    @at(397)
    def _(p):
        p["address"] = p["address"][:12] + BAD_MARK + p["address"][12:]
        r = P.add(cells(p))
        P.expect(r, "address", "encoding", "byte 0xFF in the address (GBK copy only)",
                 only="residents-gbk.csv")

    for i, p in enumerate(good):
        if i in plants:
            plants[i](p)
        else:
            P.add(cells(p))
    # comments in the PLANTED files use this too
    P.remark_col = header.index("备注") + 1
    return P


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


def render(header, rows, encoding):
    out = [encode_text(csv_line(header), encoding)]
    for cells, raw in rows:
        line = (raw + "\r\n") if cells is None else csv_line(cells)
        out.append(encode_text(line, encoding))
    return b"".join(out)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(SEED)
    people = People(rng)

    # communities.csv
    comm = "code,name,street,postcode\r\n" + "".join(
        csv_line(list(c)) for c in COMMUNITIES)
    write_bytes(os.path.join(outdir, "communities.csv"), comm.encode("utf-8"))

    sch = schema()
    write_bytes(os.path.join(outdir, "residents.schema.json"),
                (json.dumps(sch, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))

    # residents-clean.csv: everything right, fresh, enough rows
    clean = [people.person(FRESH_NEWEST) for _ in range(CLEAN_ROWS)]
    clean[0]["updated_at"] = FRESH_NEWEST.isoformat() + "T09:00:00"
    for i in (2, 99):
        clean[i]["address"] = clean[i]["address"].replace("号楼", "号楼\n", 1)
    write_bytes(os.path.join(outdir, "residents-clean.csv"),
                render(FIELDS, [([p[f] for f in FIELDS], None) for p in clean], "utf-8"))

    # residents.csv: the planted file.  Its header lacks "email" (a
    # missing-column) and has a "备注" remarks column not in the schema.
    header = [f for f in FIELDS if f != "email"] + ["备注"]
    P = build_planted(rng, people, header)
    data = render(header, P.rows, "utf-8")
    write_bytes(os.path.join(outdir, "residents.csv"), data)
    write_bytes(os.path.join(outdir, "residents-gbk.csv"), render(header, P.rows, "gbk"))

    file_level = [
        [None, None, "missing-column", "email", "schema field email is not in the header"],
        [None, P.remark_col, "extra-column", "备注", "remarks column not in the schema"],
        [None, None, "freshness", "updated_at",
         "newest updated_at is %s, %d days before 2025-10-15 (maxAgeDays %d)"
         % (STALE_NEWEST, (TODAY - STALE_NEWEST).days, FRESH_DAYS)],
        [None, None, "row-count", None,
         "%d data rows, rowCount.minimum is %d" % (len(P.rows), ROW_COUNT_MIN)],
    ]
    for row, col, check, field, note in file_level:
        P.must.append([row, col, check])
        P.notes.append({"row": row, "column": col, "field": field, "check": check,
                        "value": None, "note": note})

    # residents-header.csv: header problems need their own file
    hheader = FIELDS + ["", "mobile"]
    hrows = []
    for _ in range(HEADER_ROWS):
        p = people.person(FRESH_NEWEST)
        hrows.append(([p[f] for f in FIELDS] + ["", p["mobile"]], None))
    write_bytes(os.path.join(outdir, "residents-header.csv"), render(hheader, hrows, "utf-8"))

    def sort_key(m):
        return (m[0] or 0, m[1] or 0, m[2])

    common = {"schema": "residents.schema.json",
              "refs": {"communities": "communities.csv"},
              "today": TODAY.isoformat()}
    cases = [
        dict(file="residents.csv", **common,
             rows=len(P.rows),
             must=sorted(P.must, key=sort_key), also_allowed=sorted(P.also, key=sort_key),
             planted=sorted(P.notes, key=lambda n: (n["row"] or 0, n["column"] or 0, n["check"]))),
        dict(file="residents-gbk.csv", **common, encoding="gbk", rows=len(P.rows),
             must=sorted(P.must + P.gbk_only, key=sort_key),
             also_allowed=sorted(P.also, key=sort_key),
             note="the same rows as residents.csv in GBK, plus two cells with a byte "
                  "0xFF (not valid GBK): the findings of residents.csv and two encoding"),
        dict(file="residents-clean.csv", **common, rows=len(clean), must=[], also_allowed=[],
             note="no finding at all, exit 0"),
        dict(file="residents-header.csv", **common, rows=HEADER_ROWS,
             must=[[None, len(FIELDS) + 1, "blank-header"], [None, len(FIELDS) + 2, "duplicate-header"],
                   [None, None, "row-count"]],
             also_allowed=[[None, len(FIELDS) + 1, "extra-column"], [None, len(FIELDS) + 2, "extra-column"]],
             note="header cell 19 is empty, header cell 20 repeats mobile; 20 rows is below rowCount"),
    ]
    doc = {"about": "Problems planted in the samples by make-residents.py. Each case lists the "
                    "findings gov-check must report as [row, column or null, check] (rows are "
                    "spreadsheet rows, header = 1; columns 1-based) with --today, --ref and the "
                    "schema given; also_allowed lists findings that follow from a planted one "
                    "and may be reported too. Any other finding is a false positive.",
           "cases": cases}
    write_bytes(os.path.join(outdir, "PLANTED.json"),
                (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

    checks = {}
    for n in P.notes:
        checks.setdefault(n["check"], 0)
        checks[n["check"]] += 1
    md = ["# Planted problems", "",
          "Made by `make-residents.py` (seed %d); do not edit by hand." % SEED, "",
          "Check with:", "",
          "```sh",
          "gov-check -s samples/quality/residents.schema.json \\",
          "  --ref communities=samples/quality/communities.csv --today 2025-10-15 \\",
          "  samples/quality/residents.csv",
          "```", "",
          "`residents.csv` (%d data rows; the header lacks `email` and adds `备注`;" % len(P.rows),
          "quoted addresses with embedded newlines at rows 5, 42, 43 and 152 (row numbers",
          "below are spreadsheet rows all the same). `residents-gbk.csv` is the same in GBK",
          "with two cells holding a byte 0xFF, invalid in GBK: the `encoding` findings. (The",
          "UTF-8 file cannot carry them: a first block that is not valid UTF-8 is read as",
          "GB18030.)",
          "`residents-clean.csv` must give no finding; `residents-header.csv` has a blank",
          "and a repeated header cell. Machine-readable: `PLANTED.json`.", "",
          "| check | planted |", "|---|---|"]
    md += ["| `%s` | %d |" % (c, checks[c]) for c in sorted(checks)]
    md += ["", "| row | column | field | check | value | what |", "|---|---|---|---|---|---|"]
    for n in cases[0]["planted"]:
        md.append("| %s | %s | %s | `%s` | %s | %s |" % (
            n["row"] if n["row"] is not None else "-",
            n["column"] if n["column"] is not None else "-",
            n["field"] or "-", n["check"],
            ("`%s`" % n["value"]) if n["value"] else "",
            n["note"]))
    md += ["", "Also allowed (follow from a planted problem): " +
           ", ".join("row %s %s" % (a[0], a[2]) for a in cases[0]["also_allowed"]) + ".", ""]
    write_bytes(os.path.join(outdir, "PLANTED.md"), "\n".join(md).encode("utf-8"))


if __name__ == "__main__":
    main()
