#!/usr/bin/python3
"""Write grid-staff.csv (UTF-8) and grid-staff-gbk.csv (GBK, as older
systems export it): the community grid workers (社区网格员) of Horqin
district, synthetic, with Chinese headers.  Deterministic."""
import random

random.seed(20241)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗包白乌"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰金海其其格巴特尔"
COMMUNITIES = [("150502001001", "和平社区"), ("150502001002", "永安社区"),
               ("150502002001", "民主社区"), ("150502003001", "建国社区"),
               ("150502009001", "红星社区")]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def ric(region, birth, seq):
    body = f"{region}{birth}{seq:03d}"
    s = sum(int(c) * w for c, w in zip(body, WEIGHTS))
    return body + "10X98765432"[s % 11]


rows = []
for i in range(24):
    code, community = COMMUNITIES[i % len(COMMUNITIES)]
    y, m, d = random.randint(1965, 1998), random.randint(1, 12), random.randint(1, 28)
    name = random.choice(SURNAMES) + "".join(random.choice(GIVEN) for _ in range(random.randint(1, 2)))
    rows.append([f"WG{i + 1:04d}", name, random.choice("男女"),
                 ric("150502", f"{y}{m:02d}{d:02d}", random.randint(100, 999)),
                 "1" + random.choice("3589") + "".join(random.choice("0123456789") for _ in range(9)),
                 community, code, f"{random.randint(2019, 2024)}-{random.randint(1, 12):02d}-01",
                 str(random.randint(180, 900)), random.choice(["专职", "兼职"]),
                 "负责" + community + f"第{i % 6 + 1}网格，含\"平安家庭\"创建"])

header = ["网格员编号", "姓名", "性别", "身份证号", "手机号码", "所属社区", "社区代码",
          "入职日期", "服务户数", "类别", "备注"]


def quote(v):
    return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v


text = "\r\n".join(",".join(quote(v) for v in r) for r in [header] + rows) + "\r\n"
open("grid-staff.csv", "w", encoding="utf-8", newline="").write(text)
open("grid-staff-gbk.csv", "w", encoding="gbk", newline="").write(text)
