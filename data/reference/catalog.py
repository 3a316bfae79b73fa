"""Hand-written lists behind the reference CSVs: structure (published), bureaus and initiatives.

Read by ``generate.py``. What is published fact and what is sample is said in ``data/README.md``.
"""

TERMS = [
    # term_id, name_ja, name_en, first_fy, last_fy
    (1, "第1期実行プログラム", "1st Implementation Program", 2016, 2017),
    (2, "第2期実行プログラム", "2nd Implementation Program", 2018, 2021),
    (3, "第3期実行プログラム", "3rd Implementation Program", 2022, 2025),
]

GOALS = [
    # goal_id, policy numeral, goal ja, goal en, policy ja, policy en (English: our translation)
    (
        1,
        "I",
        "川崎発の最先端技術で世界をリードするまち",
        "A city leading the world with cutting-edge technology from Kawasaki",
        "先端技術や産業集積を活かした国際展開",
        "International expansion built on advanced technology and industrial clusters",
    ),
    (
        2,
        "II",
        "発信力を高め世界的プレゼンスを確立するまち",
        "A city that raises its voice and establishes a global presence",
        "強みと魅力を活かした世界的プレゼンスの向上",
        "Raising global presence through the city's strengths and attractions",
    ),
    (
        3,
        "III",
        "多様性が市民の生活を豊かにしていくことを誰もが認識しているまち",
        "A city where everyone recognises that diversity enriches citizens' lives",
        "多様性を活かしたまちづくりの推進",
        "Community building that makes the most of diversity",
    ),
]

DIRECTIONS = [
    # direction_id, goal_id, seq, name ja (source document), name en (our translation)
    (
        "1-1",
        1,
        1,
        "世界をけん引するビジネス拠点の創出",
        "Creating business hubs that lead the world",
    ),
    (
        "1-2",
        1,
        2,
        "企業の海外展開による国際競争力の強化",
        "Strengthening competitiveness through companies' overseas expansion",
    ),
    (
        "1-3",
        1,
        3,
        "海外への先端環境技術移転によるビジネス展開",
        "Business through transfer of advanced environmental technology abroad",
    ),
    ("2-1", 2, 4, "国際的認知度向上の促進", "Raising international recognition"),
    ("2-2", 2, 5, "海外から人を川崎にひきつけるまちづくり", "A city that draws people from abroad"),
    (
        "2-3",
        2,
        6,
        "海外諸都市との戦略的な関係の構築",
        "Building strategic relations with cities abroad",
    ),
    (
        "3-1",
        3,
        7,
        "地域での交流・多文化共生の促進",
        "Local exchange and multicultural coexistence",
    ),
    ("3-2", 3, 8, "誰もが暮らしやすい環境づくり", "An environment where everyone can live well"),
    (
        "3-3",
        3,
        9,
        "グローバル都市・川崎を担う人材の育成・活用等",
        "Developing the people who carry global Kawasaki",
    ),
]

DEPARTMENTS = [
    # department_id, name_ja, name_en, kind
    ("general-affairs", "総務企画局", "General Affairs and Planning Bureau", "bureau"),
    ("finance", "財政局", "Finance Bureau", "bureau"),
    ("civic-culture", "市民文化局", "Civic Affairs and Culture Bureau", "bureau"),
    ("economy-labour", "経済労働局", "Economy and Labour Bureau", "bureau"),
    ("environment", "環境局", "Environment Bureau", "bureau"),
    ("health-welfare", "健康福祉局", "Health and Welfare Bureau", "bureau"),
    ("children", "こども未来局", "Children's Future Bureau", "bureau"),
    ("urban-development", "まちづくり局", "Urban Development Bureau", "bureau"),
    ("construction-green", "建設緑政局", "Construction and Green Bureau", "bureau"),
    ("port", "港湾局", "Port and Harbor Bureau", "bureau"),
    (
        "coastal-strategy",
        "臨海部国際戦略本部",
        "Coastal Area International Strategy Headquarters",
        "bureau",
    ),
    ("waterworks", "上下水道局", "Waterworks Bureau", "bureau"),
    ("transportation", "交通局", "Transportation Bureau", "bureau"),
    ("hospital", "病院局", "Hospital Bureau", "bureau"),
    ("fire", "消防局", "Fire Bureau", "bureau"),
    ("crisis-management", "危機管理本部", "Crisis Management Headquarters", "bureau"),
    ("education", "教育委員会事務局", "Board of Education Secretariat", "bureau"),
    ("ward-kawasaki", "川崎区役所", "Kawasaki Ward Office", "ward"),
    ("ward-saiwai", "幸区役所", "Saiwai Ward Office", "ward"),
    ("ward-nakahara", "中原区役所", "Nakahara Ward Office", "ward"),
    ("ward-takatsu", "高津区役所", "Takatsu Ward Office", "ward"),
    ("ward-miyamae", "宮前区役所", "Miyamae Ward Office", "ward"),
    ("ward-tama", "多摩区役所", "Tama Ward Office", "ward"),
    ("ward-asao", "麻生区役所", "Asao Ward Office", "ward"),
]

# One line per project: direction | terms | profile | bureau | name ja | name en
#   terms:   the terms the project is listed in; "+" after a term marks it expanded (拡充) there.
#            A project listed first in term 2 or 3 is new (新規) in that term.
#   profile: how exposed the work is to the shocks of 2019-2022 (drives the sample only):
#            x exchange events and visits, t tourism/visitors, p port sales, b overseas business,
#            d domestic services; "+y" = in the area hit by the October 2019 typhoon.
#   bureau:  "a/b" = bureau a in terms 1-2, bureau b in term 3 (危機管理本部 took over in FY2022).
PROJECTS = """
1-1|123|b|coastal-strategy|国際戦略拠点活性化推進事業|International Strategic Hub Activation Project
1-1|123|d|coastal-strategy|戦略拠点形成推進事業|Strategic Hub Formation Project
1-1|123|d|coastal-strategy|臨海部活性化推進事業|Coastal Area Revitalisation Project
1-1|23|b|economy-labour|起業化総合支援事業|Comprehensive Start-up Support Project
1-1|12|d|construction-green|羽田連絡道路整備事業|Haneda Connecting Road (Tamagawa Sky Bridge) Construction
1-2|123|b|economy-labour|海外展開支援事業|Overseas Business Expansion Support Project
1-2|123+|b|waterworks|水関連企業の海外展開支援の推進|Support for Water-Related Companies' Overseas Expansion
1-2|123|d|health-welfare|ウェルフェアイノベーション推進事業|Welfare Innovation Promotion Project
1-2|123|b|economy-labour|知的財産交流事業|Intellectual Property Exchange Project
1-2|123|p|port|ポートセールス事業|Port Sales Project
1-2|123|d|port|京浜港広域連携推進事業|Keihin Port Wide-Area Cooperation Project
1-2|1|b|economy-labour|アジア起業家村推進事業|Asia Entrepreneurs' Village Project
1-3|123+|b|economy-labour|グリーンイノベーション推進事業|Green Innovation Promotion Project
1-3|123|x|waterworks|上下水道分野における国際展開推進事業|International Expansion in Water Supply and Sewerage
1-3|123|x|environment|国際連携・研究推進事業|International Cooperation and Research Project
1-3|23|b|environment|資源循環分野における国際展開推進事業|International Expansion in Resource Recycling
2-1|123|d|general-affairs|国際施策推進事業|International Policy Promotion Project
2-1|123+|d|general-affairs|シティプロモーション推進事業|City Promotion Project
2-1|3|x|civic-culture|若者文化の発信事業|Youth Culture Promotion Project
2-1|3|x|general-affairs|市制100周年記念事業|City 100th Anniversary Project
2-1|123|x|civic-culture|音楽のまち推進事業|"City of Music" Promotion Project
2-1|123|x|civic-culture|映像のまち推進事業|"City of Film" Promotion Project
2-1|123|b|economy-labour|川崎国際環境技術展開催事業|Kawasaki International Eco-Tech Fair
2-1|123|x|economy-labour|国際会議等誘致推進事業|International Conference Attraction Project
2-1|23|d|general-affairs|海外向け情報発信事業|Overseas Information Dissemination Project
2-1|123|x|civic-culture|国際スポーツ大会開催支援事業|International Sports Events Support Project
2-1|12|x|civic-culture|東京2020オリンピック・パラリンピック推進事業|Tokyo 2020 Olympic and Paralympic Games Promotion
2-1|12|d|general-affairs|ブランドメッセージ推進事業|Brand Message Promotion Project
2-2|123+|t|economy-labour|観光振興事業|Tourism Promotion Project
2-2|123|t|economy-labour|外国人観光客受入環境整備事業|Inbound Visitor Reception Environment Project
2-2|123|t|economy-labour|産業観光推進事業|Industrial Tourism Promotion Project
2-2|123|d|construction-green|多言語案内サイン整備事業|Multilingual Signage Project
2-2|123|d+y|construction-green|等々力緑地再編整備事業|Todoroki Ryokuchi Park Redevelopment Project
2-2|123|d|urban-development|川崎駅周辺地区整備推進事業|Kawasaki Station Area Development Project
2-2|123|t|construction-green|生田緑地魅力発信事業|Ikuta Ryokuchi Park Promotion Project
2-2|23|t|port|クルーズ船誘致推進事業|Cruise Ship Attraction Project
2-2|3|t|construction-green|全国都市緑化かわさきフェア開催事業|National Urban Greening Fair in Kawasaki
2-2|123|d|urban-development|羽田空港アクセス利便性向上事業|Haneda Airport Access Improvement Project
2-2|2|t|civic-culture|ラグビーワールドカップ2019開催支援事業|Rugby World Cup 2019 Support Project
2-2|12|x+y|civic-culture|市民ミュージアム企画展示事業|Kawasaki City Museum Exhibitions
2-1|2|x|civic-culture|英国代表チーム事前キャンプ受入事業|Team GB Pre-Games Camp Hosting Project
2-3|123|x|general-affairs|国際交流推進事業|International Exchange Promotion Project
2-3|123|x|port|友好港交流推進事業|Friendship Port Exchange Project
2-3|123+|x|environment|国際環境技術連携事業|International Environmental Technology Cooperation Project
2-3|3|x|environment|都市間連携による脱炭素化支援事業|City-to-City Decarbonisation Support Project
2-3|123|x|waterworks|上下水道技術協力推進事業|Water Technology Cooperation Project
2-3|123|x|children|青少年国際交流事業|Youth International Exchange Project
2-3|23|x|fire|消防技術国際協力事業|Fire Service International Cooperation Project
2-3|23|x|hospital|国際医療協力推進事業|International Medical Cooperation Project
2-3|123|x|port|港湾技術国際協力事業|Port Technology International Cooperation Project
3-1|123+|d|civic-culture|多文化共生社会の実現に向けた取組|Towards a Multicultural Inclusive Society
3-1|123|x|civic-culture|交流推進事業|Exchange Promotion Project
3-1|123|x|civic-culture|国際交流センター管理運営事業|Kawasaki International Center Operation
3-1|123|d|civic-culture|外国人市民施策推進事業|Foreign Residents Policy Promotion Project
3-1|123|d|civic-culture|外国人市民代表者会議運営事業|Representative Assembly for Foreign Residents
3-1|12+3|d|civic-culture|人権尊重のまちづくり推進事業|Human-Rights-Respecting City Promotion Project
3-1|123|x|civic-culture|市民団体国際交流活動支援事業|Support for Citizen Groups' International Activities
3-1|123|x|ward-kawasaki|川崎区多文化共生のまちづくり推進事業|Kawasaki Ward Multicultural Community Project
3-1|123|x|ward-saiwai|幸区国際交流推進事業|Saiwai Ward International Exchange Project
3-1|123|x+y|ward-nakahara|中原区多文化共生推進事業|Nakahara Ward Multicultural Coexistence Project
3-1|123|x+y|ward-takatsu|高津区国際交流推進事業|Takatsu Ward International Exchange Project
3-1|123|x|ward-miyamae|宮前区多文化交流事業|Miyamae Ward Multicultural Exchange Project
3-1|123|x+y|ward-tama|多摩区国際交流推進事業|Tama Ward International Exchange Project
3-1|123|x|ward-asao|麻生区多文化共生推進事業|Asao Ward Multicultural Coexistence Project
3-1|123|x|education|地域日本語教室支援事業|Community Japanese Classes Support Project
3-1|123|x|education|市民館多文化共生講座事業|Multicultural Courses at Civic Halls
3-1|123|x|children|ふれあい館運営事業|Fureai-kan Community Centre Operation
3-1|23|x|civic-culture|多文化フェスタ開催支援事業|Multicultural Festival Support Project
3-1|123|d|education|図書館多言語資料整備事業|Multilingual Library Collections Project
3-1|123|x|children|日本人・外国人親子交流事業|Japanese and Foreign Parent-Child Exchange Project
3-1|123|x|civic-culture|国際交流ボランティア育成事業|International Exchange Volunteer Training Project
3-2|23|d|civic-culture|多文化共生総合相談ワンストップセンター運営事業|Multicultural One-Stop Consultation Centre
3-2|123+|d|education|海外帰国・外国人児童生徒相談事業|Consultation for Returnee and Foreign Pupils
3-2|123|d|education|日本語指導等協力者派遣事業|Japanese Language Support Staff Dispatch Project
3-2|123+|d|education|国際教室運営事業|International Classroom Operation Project
3-2|123|d|general-affairs|外国人市民向け多言語情報提供事業|Multilingual Information for Foreign Residents
3-2|23+|d|general-affairs|やさしい日本語推進事業|Plain Japanese (Yasashii Nihongo) Promotion Project
3-2|123|d|general-affairs/crisis-management|外国人市民の防災対策推進事業|Disaster Preparedness for Foreign Residents
3-2|123|d|fire|消防・救急の多言語対応推進事業|Multilingual Fire and Ambulance Services Project
3-2|123|d|health-welfare|医療通訳派遣事業|Medical Interpreter Dispatch Project
3-2|123|d|hospital|外国人患者受入体制整備事業|Foreign Patient Reception at City Hospitals
3-2|123|d|health-welfare|外国人市民健康相談事業|Health Consultation for Foreign Residents
3-2|123|d|children|母子保健多言語対応事業|Multilingual Maternal and Child Health Project
3-2|23|d|children|外国につながる子どもの保育支援事業|Childcare Support for Children with Foreign Roots
3-2|123|d|health-welfare|外国人高齢者福祉推進事業|Welfare for Elderly Foreign Residents
3-2|123|d|urban-development|居住支援推進事業|Housing Support Project
3-2|123|d|urban-development|市営住宅多言語案内事業|Multilingual Guidance for Municipal Housing
3-2|123|b|economy-labour|外国人市民就労支援事業|Employment Support for Foreign Residents
3-2|123|x|economy-labour|留学生就職支援事業|Job Support for International Students
3-2|123|d|civic-culture|区役所窓口多言語対応推進事業|Multilingual Ward Office Counters Project
3-2|123|d|environment|ごみ分別多言語啓発事業|Multilingual Waste Sorting Guidance Project
3-2|123|d|waterworks|上下水道多言語案内事業|Multilingual Water Service Guidance Project
3-2|123|d|transportation|市バス多言語案内推進事業|Multilingual City Bus Information Project
3-2|123|d|finance|市税多言語案内事業|Multilingual City Tax Guidance Project
3-2|123|d|civic-culture|外国人市民生活ガイドブック作成事業|Living Guidebook for Foreign Residents
3-2|123|d|education|夜間中学・識字学級推進事業|Night Junior High School and Literacy Classes
3-2|123|d|education|外国人児童生徒就学支援事業|School Enrolment Support for Foreign Children
3-2|123|d|children|子どもの権利施策推進事業|Children's Rights Policy Project
3-2|3|d|general-affairs|多言語通訳タブレット導入事業|Remote Interpretation Tablets Project
3-3|123|x|children|子ども・若者応援基金事業|Children and Youth Support Fund Project
3-3|123|d|education|国際理解教育推進事業|International Understanding Education Project
3-3|123|d|education|外国語指導助手活用事業|Assistant Language Teachers Project
3-3|123+|d|education|英語教育推進事業|English Education Promotion Project
3-3|123|x|education|市立高校国際交流推進事業|City High Schools International Exchange Project
3-3|123|x|education|瀋陽市青少年交流事業|Shenyang Youth Exchange Project
3-3|123+|x|civic-culture|かわさきパラムーブメント推進事業|Kawasaki Para Movement Promotion Project
3-3|123|x|general-affairs|職員海外派遣研修事業|Staff Overseas Training Project
3-3|123|d|general-affairs|大学・留学生連携推進事業|University and International Student Partnership
3-3|123|b|economy-labour|中小企業グローバル人材育成支援事業|Global Talent Development for SMEs
3-3|123|x|general-affairs|国際交流員活用事業|Coordinators for International Relations Project
3-3|123|d|civic-culture|外国人市民地域活動参加促進事業|Foreign Residents' Participation in Local Activities
3-3|23|d|health-welfare|外国人介護人材受入支援事業|Foreign Care Workers Reception Support Project
3-3|123|x|education|海外姉妹校交流事業|Sister School Exchange Project
"""

# Descriptions that the source document gives for the initiatives it names (概要, lightly cut).
PUBLISHED_DESCRIPTIONS = {
    "国際戦略拠点活性化推進事業": "キングスカイフロントと国内外クラスターとの拠点間連携や、"
    "多摩川スカイブリッジの開通を契機とした羽田エリアとの産業連携強化に取り組む。",
    "グリーンイノベーション推進事業": "市内企業の新たな環境関連ビジネスの創出や国際的なビジネス"
    "マッチングの場の提供に加え、市内中小企業の脱炭素化支援に取り組む。",
    "水関連企業の海外展開支援の推進": "水関連企業の海外展開支援等を通じて、"
    "世界の水環境改善への貢献に向けた国際展開を推進する。",
    "国際環境技術連携事業": "国際・研究機関と連携しながら、アジア諸国の環境配慮への取組を"
    "促進することにより、地球規模の環境改善へ貢献する。",
    "若者文化の発信事業": "市制施行100周年やパリ2024オリンピック競技大会に向けて、"
    "ブレイキンをはじめとした若者文化の機運醸成などを図り、本市の知名度やブランド力の向上に取り組む。",
    "市制100周年記念事業": "令和6(2024)年に迎える市制施行100周年を本市のさまざまな魅力、"
    "ポテンシャルを市内外にアピールする機会と捉え、各種事業や情報発信等を展開する。",
    "多文化共生社会の実現に向けた取組": "多様な文化的背景を持つ外国人市民が、地域の一員として"
    "共に心豊かに暮らしていける地域社会をつくるため、多文化共生社会の実現に向けた施策を総合的に推進する。",
    "海外帰国・外国人児童生徒相談事業": "学校と関係機関が連携して、日本語でのコミュニケーションに"
    "不安がある児童生徒等の相談・支援体制の整備を進め、特別の教育課程による日本語指導を実施する。",
    "かわさきパラムーブメント推進事業": "「誰もが自分らしく暮らし、自己実現を目指せる地域づくり」の"
    "実現に向け、レガシー形成に向けた取組を進める。",
}

# The nine initiatives the source document names, with the goal it files each under.
NAMED_IN_SOURCE = {
    "国際戦略拠点活性化推進事業": 1,
    "グリーンイノベーション推進事業": 1,
    "水関連企業の海外展開支援の推進": 1,
    "国際環境技術連携事業": 2,
    "若者文化の発信事業": 2,
    "市制100周年記念事業": 2,
    "多文化共生社会の実現に向けた取組": 3,
    "海外帰国・外国人児童生徒相談事業": 3,
    "かわさきパラムーブメント推進事業": 3,
}

# Real project names and owners of the FY2024 evaluation (DESIGN.md).
REAL_FY2024_OWNERS = {
    "国際交流推進事業": "general-affairs",
    "国際施策推進事業": "general-affairs",
    "交流推進事業": "civic-culture",
    "国際交流センター管理運営事業": "civic-culture",
    "外国人市民施策推進事業": "civic-culture",
    "海外展開支援事業": "economy-labour",
    "グリーンイノベーション推進事業": "economy-labour",
    "観光振興事業": "economy-labour",
    "上下水道分野における国際展開推進事業": "waterworks",
    "国際戦略拠点活性化推進事業": "coastal-strategy",
    "戦略拠点形成推進事業": "coastal-strategy",
    "臨海部活性化推進事業": "coastal-strategy",
    "ポートセールス事業": "port",
    "友好港交流推進事業": "port",
    "京浜港広域連携推進事業": "port",
    "国際連携・研究推進事業": "environment",
}
